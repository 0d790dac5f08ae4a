/**
 * The normaliser's typed-array rewrite (bench:checks) changes no skeleton character and no offset:
 * compared with the implementation it replaced (tests/support/normalise-reference.ts) on many random
 * strings drawn from exactly the characters its rules are about, and on the judged fixtures' text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { normalise } from "@/lib/text/normalise";
import { addUserWords, cutDictionaryWords, dictionaryWordStarts } from "@/lib/text/segmenter";
import { referenceNormalise } from "../support/normalise-reference";

// Deterministic (mulberry32).
let seed = 1414;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Han (simplified and traditional), numerals, Latin, digits, every kind of space, filler, quote and invisible, width forms, astral. */
const POOL = [
  ..."法轮功輪臺獨台独习近平李强市长黄色文革的一是在不了有和人这中",
  ..."零〇一二两三四五六七八九十百千万亿元",
  ..."abcXYZ019",
  " ",
  "\u3000",
  "\n",
  "\t",
  "\u00a0",
  ..."*·•・_~|/\\-+#^=.丶‐–—‧",
  ..."\"'`“”‘’「」『』",
  "\u200b",
  "\u200d",
  "\ufeff",
  "\u00ad",
  "\u2060",
  ..."，。：；！？（）、…,;:!?()",
  ..."ＧＢ／Ｔ２０１９ａｂ㎏①Ⅻﬁ",
  "\u{20000}",
  "\u{2a6d6}",
  "😀",
  "\ud800",
  "\udfff",
  "兀",
  "\uf900",
  "\u3400",
];

function randomText(length: number): string {
  let text = "";
  for (let i = 0; i < length; i += 1) text += POOL[Math.floor(random() * POOL.length)];
  return text;
}

function same(text: string): void {
  const got = normalise(text);
  const want = referenceNormalise(text);
  expect(got.text).toBe(want.text);
  expect(Array.from(got.starts)).toEqual(Array.from(want.starts));
  expect(Array.from(got.ends)).toEqual(Array.from(want.ends));
}

describe("normalise (typed arrays) = the reference implementation", () => {
  it("on 3,000 random strings of the characters its rules are about", () => {
    for (let i = 0; i < 3_000; i += 1) same(randomText(1 + Math.floor(random() * 40)));
  });

  it("on long text, the empty string and numerals at the very ends", () => {
    same("");
    same(randomText(30_000));
    same("三千");
    same("三千万元，一千二百零五人，3,000 与 12,345,678；十三五规划");
  });

  it("on every text of the judged check set and search corpus", () => {
    const texts: string[] = [];
    const collect = (value: unknown) => {
      if (typeof value === "string") texts.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    for (const file of ["checks/check-set.json", "search/judged-corpus.json"])
      collect(JSON.parse(readFileSync(path.join(__dirname, "../fixtures", file), "utf8")));
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) same(text);
  });
});

describe("dictionaryWordStarts (cut block by block, on demand) = one cut of the whole field", () => {
  /** The one-pass form it replaced: every word start of cutting each slice between joints whole. */
  function reference(text: string, joints: number[]): Set<number> {
    const starts = new Set<number>();
    const cuts = [0, ...joints.filter((joint) => joint > 0 && joint < text.length), text.length];
    for (let k = 0; k + 1 < cuts.length; k += 1) {
      let at = cuts[k];
      for (const word of cutDictionaryWords(text.slice(cuts[k], cuts[k + 1]))) {
        starts.add(at);
        at += word.length;
      }
      starts.add(at);
    }
    return starts;
  }

  it("answers the same at every offset of the fixtures' skeletons and of random text", () => {
    const texts: string[] = [];
    const collect = (value: unknown) => {
      if (typeof value === "string") texts.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    for (const file of ["checks/check-set.json", "search/judged-corpus.json"])
      collect(JSON.parse(readFileSync(path.join(__dirname, "../fixtures", file), "utf8")));
    for (let i = 0; i < 300; i += 1) texts.push(randomText(20 + Math.floor(random() * 200)));
    let compared = 0;
    for (const raw of texts) {
      const text = normalise(raw).text;
      const joints = text.length > 10 ? [Math.floor(text.length / 3), Math.floor(text.length / 2)] : [];
      const want = reference(text, joints);
      const got = dictionaryWordStarts(text, joints);
      // Asked in a shuffled order, as hits come: the cache of cut blocks must not change an answer.
      const offsets = Array.from({ length: text.length + 1 }, (_, i) => i).sort(() => random() - 0.5);
      for (const offset of offsets) {
        expect([offset, got.has(offset)]).toEqual([offset, want.has(offset)]);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(40_000);
  });

  /** Dense running Chinese (words of every length cross almost everywhere), Latin and digit runs, a user word. */
  const DENSE = [
    ..."的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经",
    ..."中华人民共和国社会主义核心价值观乡村振兴化工区漕泾镇一带一路高质量发展",
    "ab",
    "5g",
    "iso",
    "9001",
    "，",
    "。",
  ];
  function denseText(length: number): string {
    let text = "";
    while (text.length < length) text += DENSE[Math.floor(random() * DENSE.length)];
    return text;
  }

  it("answers the same in dense running text, asked first (as hits come) and then at every offset", () => {
    addUserWords(["化工区漕泾", "振兴化工"]);
    let compared = 0;
    for (let i = 0; i < 40; i += 1) {
      const text = denseText(200 + Math.floor(random() * 1_500));
      const joints = [Math.floor(text.length / 4), Math.floor((text.length * 3) / 4)];
      const want = reference(text, joints);
      const asked = Array.from({ length: 1 + Math.floor(random() * 60) }, () => Math.floor(random() * text.length));
      const got = dictionaryWordStarts(text, joints, asked);
      for (let offset = 0; offset <= text.length; offset += 1) {
        expect([offset, got.has(offset)]).toEqual([offset, want.has(offset)]);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(20_000);
  });

  it("knows a user word added after its first use", () => {
    const text = "他说龘靨齉爩了"; // 他说 + four rare characters no dictionary word joins + 了
    expect(dictionaryWordStarts(text, [], [3]).has(3)).toBe(true);
    addUserWords(["龘靨齉爩"]);
    expect(dictionaryWordStarts(text, [], [3]).has(3)).toBe(false);
    expect(reference(text, []).has(3)).toBe(false);
  });

  it("cuts only a few characters around each asked offset, not the block it falls in", () => {
    // One 3,000-character block with no separator and no joint: a hit or two must not cost jieba the whole of it.
    const text = denseText(6_000)
      .replace(/[\uff0c\u3002]/g, "")
      .slice(0, 3_000);
    const asked = [500, 1_500, 2_500].flatMap((at) => [at, at + 1, at + 2, at + 3]);
    const got = dictionaryWordStarts(text, [], asked);
    for (const offset of asked) got.has(offset);
    expect(got.charactersCut).toBeGreaterThan(0);
    expect(got.charactersCut).toBeLessThan(3 * 80);
  });
});
