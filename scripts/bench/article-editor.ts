/**
 * `npm run bench:editor`: (1) saves of a 20,000-character article through `saveArticle` on a scratch
 * database — lock-version update, reference checks, server-side rendering, revision row and audit
 * event in one transaction (target: p95 < 100 ms) — and (2) the JavaScript the editor page sends, in
 * KB gzip, everything its first view downloads (see `pageChunks`), read from the last `next build`
 * (run `npm run build` first; skipped without a build).
 */
import Module from "node:module";
import path from "node:path";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { PrismaClient } from "../../lib/generated/prisma/client";
import type { BodyDocument } from "../../lib/articles/body";
import { recordResult } from "./results";
import { scratchDatabase } from "./scratch-database";
import { cliAdapter } from "../../lib/db-pool";

const SAVES = Number(process.env.BENCH_EDITOR_SAVES ?? 60);
const TARGET_P95_MS = 100;
const ROOT = path.join(__dirname, "../..");

// lib/articles is `server-only`; this CLI is server code (see workflow-transition.ts for the same shim).
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = (request: string, ...rest: unknown[]) =>
  resolveFilename(request === "server-only" ? path.join(ROOT, "tests/support/empty-module.ts") : request, ...rest);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** About 20,000 characters as staff count them: 47 blocks, a heading every ten, paragraphs of 500. */
function longBody(variant: number): BodyDocument {
  const sentence = "全区宣传思想文化工作会议总结了今年的工作，部署了明年的任务。";
  const paragraph = sentence.repeat(Math.ceil(500 / sentence.length)).slice(0, 500);
  return {
    type: "doc",
    content: Array.from({ length: 47 }, (_, i) =>
      i % 10 === 0
        ? {
            type: "heading" as const,
            attrs: { level: 2 as const },
            content: [{ type: "text" as const, text: `第${i / 10 + 1}部分（第 ${variant} 稿）` }],
          }
        : { type: "paragraph" as const, content: [{ type: "text" as const, text: paragraph }] },
    ),
  };
}

async function benchSaves(): Promise<void> {
  const scratch = await scratchDatabase("bench_editor");
  process.env.DATABASE_URL = scratch.url;
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
  const db = new PrismaClient({ adapter: cliAdapter(scratch.url) });
  try {
    const { createArticle, saveArticle } = await import("../../lib/articles/commands");
    const { countCharacters } = await import("../../lib/articles/body/schema");
    const { bodyPlainText } = await import("../../lib/articles/render-body");
    const row = await db.user.create({
      data: {
        username: "bench_editor",
        displayName: "基准编辑",
        passwordHash: "-",
        mustChangePassword: false,
        roles: { create: [{ role: "EDITOR" }] },
      },
      select: { id: true, roles: { select: { role: true, level: true, columnId: true } } },
    });
    const editor = { id: row.id, mustChangePassword: false, roles: row.roles };
    const column = await db.column.create({ data: { slug: "bench", name: "基准" } });
    const fields = {
      title: "基准稿件",
      seriesMark: "",
      columnId: column.id,
      source: "",
      byline: "",
      summary: "",
      lead: "",
      coverId: null,
      profileId: null,
    };
    const created = await createArticle(db, editor, { ...fields, body: longBody(0) });
    console.log(`article: ${countCharacters(bodyPlainText(longBody(0)))} characters （字数）`);

    let lockVersion = created.lockVersion;
    const changed: number[] = [];
    const unchanged: number[] = [];
    for (let i = 1; i <= SAVES; i += 1) {
      const body = longBody(i);
      let started = performance.now();
      lockVersion = (await saveArticle(db, editor, { ...fields, articleId: created.articleId, lockVersion, body }))
        .lockVersion;
      changed.push(performance.now() - started);
      started = performance.now();
      lockVersion = (await saveArticle(db, editor, { ...fields, articleId: created.articleId, lockVersion, body }))
        .lockVersion;
      unchanged.push(performance.now() - started);
    }
    for (const [name, values] of [
      ["new revision", changed],
      ["unchanged", unchanged],
    ] as const) {
      const sorted = [...values].sort((a, b) => a - b);
      console.log(
        `save (${name}) n=${sorted.length} p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms`,
      );
    }
    const p95 = percentile(
      [...changed].sort((a, b) => a - b),
      95,
    );
    console.log(
      `save of a 20,000-character article p95 ${p95.toFixed(1)} ms — target < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? "OK" : "TOO SLOW"}`,
    );
    recordResult({
      issue: 4,
      name: "save of a 20,000-character article, p95",
      value: `${p95.toFixed(1)} ms`,
      target: `< ${TARGET_P95_MS} ms`,
      pass: p95 < TARGET_P95_MS,
    });
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
}

/**
 * The `next/dynamic` imports rendered on the server (no `ssr: false`): their chunks are preloaded by
 * the server render and downloaded on first view like the page's own. The options object of each
 * call starts with the compiler's `loadableGenerated: { modules: [id] }`; it is read up to its closing
 * brace for an `ssr` switched off. An id not found is counted (never undercount).
 */
function serverRenderedDynamic(ids: readonly string[]): Set<string> {
  const dir = path.join(ROOT, ".next/server/chunks/ssr");
  const code = readdirSync(dir)
    .filter((file) => file.endsWith(".js"))
    .map((file) => readFileSync(path.join(dir, file), "utf8"))
    .join("\n");
  const kept = new Set<string>();
  for (const id of ids) {
    const at = code.indexOf(`loadableGenerated:{modules:[${id}]}`);
    if (at < 0) {
      kept.add(id);
      continue;
    }
    let depth = 1;
    let end = at;
    while (end < code.length && depth > 0) {
      const char = code[end];
      if (char === "{") depth += 1;
      else if (char === "}") depth -= 1;
      end += 1;
    }
    if (!/(?:^|[,{])ssr:(?:!1|false)\b/.test(code.slice(at, end).replace(/loadableGenerated:\{modules:\[\d+\]\}/, "")))
      kept.add(id);
  }
  return kept;
}

/**
 * Everything the page's first view downloads: Next's runtime, the page's client chunks (React client
 * manifest) and the chunks of its server-rendered `next/dynamic` imports (the rich-text engine, which
 * the server render preloads). Dynamic imports with `ssr: false` (the dialogs, fetched when first
 * opened) are left out.
 */
function pageChunks(page: string): string[] | null {
  const manifest = path.join(ROOT, ".next/server/app", `${page}_client-reference-manifest.js`);
  const buildManifest = path.join(ROOT, ".next/build-manifest.json");
  if (!existsSync(manifest) || !existsSync(buildManifest)) return null;
  const text = readFileSync(manifest, "utf8");
  const json = text
    .slice(text.indexOf("= {") + 2)
    .trim()
    .replace(/;$/, "");
  const parsed = JSON.parse(json) as { entryJSFiles: Record<string, string[]> };
  const own = parsed.entryJSFiles[`[project]/app${page}`] ?? [];
  const root = (JSON.parse(readFileSync(buildManifest, "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
  const loadableManifest = path.join(ROOT, ".next/server/app", page, "react-loadable-manifest.json");
  const loadable = existsSync(loadableManifest)
    ? (JSON.parse(readFileSync(loadableManifest, "utf8")) as Record<string, { files: string[] }>)
    : {};
  const rendered = serverRenderedDynamic(Object.keys(loadable));
  const dynamic = Object.entries(loadable).flatMap(([id, entry]) =>
    rendered.has(id) ? entry.files.filter((file) => file.endsWith(".js")) : [],
  );
  return [...new Set([...root, ...own, ...dynamic])];
}

function gzipKb(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(ROOT, ".next", file))).length, 0) / 1024;
}

function benchBundle(): void {
  const editor = pageChunks("/admin/(staff)/articles/new/page");
  const users = pageChunks("/admin/(staff)/users/new/page");
  if (!editor) {
    console.log("editor page JavaScript: no build found (run `npm run build` first)");
    recordResult({
      issue: 4,
      name: "editor page JavaScript (gzip)",
      value: "no build found",
      target: "reported",
      pass: "skip",
    });
    return;
  }
  const total = gzipKb(editor);
  const extra = users ? gzipKb(editor.filter((file) => !users.includes(file))) : NaN;
  console.log(
    `editor page JavaScript ${total.toFixed(1)} KB gzip (${editor.length} files); beyond the account form's page: ${extra.toFixed(1)} KB gzip`,
  );
  // An existing article's page adds the workflow steps, the revision list and the reviewers' notes.
  const existing = pageChunks("/admin/(staff)/articles/[id]/page");
  if (existing)
    console.log(`  /admin/articles/<id>: ${gzipKb(existing).toFixed(1)} KB gzip (${existing.length} files)`);
  recordResult({
    issue: 4,
    name: "editor page JavaScript (gzip)",
    value: `${total.toFixed(0)} KB (+${extra.toFixed(0)} KB over a form page)`,
    target: "reported",
  });
}

async function main(): Promise<void> {
  await benchSaves();
  benchBundle();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
