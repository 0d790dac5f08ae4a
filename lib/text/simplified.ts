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
