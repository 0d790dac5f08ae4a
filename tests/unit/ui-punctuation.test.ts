/**
 * The product's own Chinese follows the punctuation rules it checks articles against (GB/T 15834,
 * lib/checks/punctuation.ts): every string and JSX text holding Chinese in the app's source — messages,
 * labels, validation errors, what `npm start` prints — is run through that same rule. A half-width
 * comma in "（只显示一次）,该用户…" is what an editor would be told to fix in an article.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { punctuationHits } from "@/lib/checks/punctuation";

const ROOT = path.join(__dirname, "../..");
const SOURCES = ["app", "components", "lib", "scripts"];
/** Generated code, and the benchmarks' SQL seeds (data, not text anyone reads). */
const SKIP = new Set([path.join("lib", "generated"), path.join("scripts", "bench")]);
const HAN = /[\u4e00-\u9fff]/;
/** Strings that are data, not text: an imported item's key without a URL (re-imports match on it). */
const DATA = new Set([`${path.join("lib", "import", "prepare.ts")}:(无网址) #`]);

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (SKIP.has(relative)) continue;
    if (entry.isDirectory()) files.push(...sourceFiles(relative));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(relative);
  }
  return files;
}

/**
 * The texts of string literals, template pieces and JSX text of one file, with their lines. Tagged
 * templates are SQL ($queryRaw`…`), whose Chinese is in comments.
 */
function chineseTexts(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const texts: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      const text = node.text;
      if (HAN.test(text)) texts.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

describe("the product's own Chinese", () => {
  it("uses full-width punctuation, Chinese quotes and …… in every message", () => {
    const files = SOURCES.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(200);
    const problems: string[] = [];
    for (const file of files)
      for (const { line, text } of chineseTexts(file).filter(({ text }) => !DATA.has(`${file}:${text}`)))
        for (const hit of punctuationHits({ field: "body", text }))
          // A trailing … on a progress label or placeholder (正在保存…) is the software convention.
          if (!(hit.term === "\u2026" && hit.location.offset === text.length - 1))
            problems.push(`${file}:${line}: 「${hit.term}」 in ${JSON.stringify(text)}`);
    expect(problems).toEqual([]);
  });
});
