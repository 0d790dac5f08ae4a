import * as OpenCC from "opencc-js/t2cn";

/**
 * Traditional → simplified, one character at a time, from opencc-js's tables (OpenCC standard
 * traditional, then Hong Kong variants for what that leaves). Character by character on purpose: the
 * normaliser's offset map needs one output per input, and the same table folds documents, queries and
 * the term list alike, so a phrase-level nuance (乾隆) cannot make two of them disagree.
 * Built lazily (≈0.2 s) the first time a Chinese character is folded, then a Map lookup per character.
 */
let table: Map<string, string> | undefined;

function build(): Map<string, string> {
  const chars: string[] = [];
  for (let code = 0x3400; code <= 0x9fff; code += 1) chars.push(String.fromCharCode(code));
  const joined = chars.join("\n");
  const map = new Map<string, string>();
  for (const from of ["t", "hk"] as const) {
    const converted = OpenCC.Converter({ from, to: "cn" })(joined).split("\n");
    if (converted.length !== chars.length) continue;
    chars.forEach((char, i) => {
      const to = converted[i];
      if (to !== char && to.length === 1 && !map.has(char)) map.set(char, to);
    });
  }
  return map;
}

export function simplifiedChar(char: string): string {
  table ??= build();
  return table.get(char) ?? char;
}

let codes: Uint16Array | undefined;

/**
 * The same table by UTF-16 code (every mapping is one BMP character to one): the normaliser's hot
 * path folds a code to a code without making a string per character.
 */
export function simplifiedCodes(): Uint16Array {
  if (codes) return codes;
  table ??= build();
  const built = new Uint16Array(65536);
  for (let code = 0; code < 65536; code += 1) built[code] = code;
  for (const [from, to] of table) built[from.charCodeAt(0)] = to.charCodeAt(0);
  codes = built;
  return built;
}
