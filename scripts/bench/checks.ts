/**
 * `npm run bench:checks`: content checks on a 20,000-character article against 10,000 generated
 * terms (target: < 20 ms per check). Measures the compiled automaton, as every check after the first
 * one in a process uses it; the build (once per list change) is timed separately. No database.
 */
import type { BlockNode, BodyDocument } from "../../lib/articles/body";
import { compileChecks, runChecks } from "../../lib/checks/run";
import type { TermEntry } from "../../lib/checks/types";
import { recordResult } from "./results";

const TERMS = 10_000;
const ARTICLE_CHARS = 20_000;
const RUNS = 200;
const TARGET_MS = 20;

// Deterministic (mulberry32), so runs are comparable.
let seed = 20261125;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Common characters, so terms share prefixes and do occur in the text, as real lists do. */
const COMMON =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

function word(length: number): string {
  let text = "";
  for (let i = 0; i < length; i += 1) text += COMMON[Math.floor(random() * COMMON.length)];
  return text;
}

function generateTerms(): TermEntry[] {
  const terms = new Map<string, TermEntry>();
  while (terms.size < TERMS) {
    const term = word(2 + Math.floor(random() * 4));
    terms.set(term, {
      term,
      level: random() < 0.2 ? "BLOCK" : "WARN",
      suggestion: random() < 0.5 ? word(3) : "",
      category: "生成",
      exceptions: random() < 0.05 ? [`${term}${word(1)}`] : [],
    });
  }
  return [...terms.values()];
}

function generateArticle(): BodyDocument {
  const content: BlockNode[] = [];
  let chars = 0;
  while (chars < ARTICLE_CHARS) {
    const length = 80 + Math.floor(random() * 300);
    const text = `${word(length)}\uff0c${word(20)}\u3002`;
    chars += text.length;
    content.push(
      random() < 0.1
        ? { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: text.slice(0, 20) }] }
        : {
            type: "paragraph",
            content: [
              { type: "text", text: text.slice(0, 40) },
              { type: "text", text: text.slice(40), marks: [{ type: "bold" }] },
            ],
          },
    );
  }
  return { type: "doc", content };
}

function main(): void {
  const terms = generateTerms();
  const body = generateArticle();
  const leaders = [{ name: "张三", titles: ["市委书记"] }];

  const buildStart = performance.now();
  const compiled = compileChecks(terms, leaders);
  const buildMs = performance.now() - buildStart;

  let hits = 0;
  for (let i = 0; i < 10; i += 1)
    hits = runChecks(compiled, { title: "标题", lead: word(100), summary: word(100), body }).hits.length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    runChecks(compiled, { title: "标题", lead: word(100), summary: word(100), body });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, ms) => sum + ms, 0) / times.length;
  const p95 = times[Math.floor(times.length * 0.95)];
  console.log(
    `checks: ${TERMS.toLocaleString("en")} terms, ${ARTICLE_CHARS.toLocaleString("en")}-character article, ${hits} hits`,
  );
  console.log(`  build once per list change: ${buildMs.toFixed(1)} ms`);
  console.log(
    `  per check: mean ${mean.toFixed(2)} ms, median ${times[times.length >> 1].toFixed(2)} ms, p95 ${p95.toFixed(2)} ms — target < ${TARGET_MS} ms: ${p95 < TARGET_MS ? "OK" : "TOO SLOW"}`,
  );
  recordResult({
    issue: 5,
    name: "checks, 20,000 characters × 10,000 terms, p95",
    value: `${p95.toFixed(2)} ms`,
    target: `< ${TARGET_MS} ms`,
    pass: p95 < TARGET_MS,
  });
}

main();
