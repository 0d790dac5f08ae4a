/**
 * Searches that are all different, as readers type them: one word, two or three words, a single
 * character, words written in traditional characters, and whatever else the caller adds (rare ids,
 * judged queries). Deterministic, so runs compare. Used by bench:public (in-process at 100,000
 * articles) and bench:search-http (over HTTP with wrk): no two requests hit the same cached page.
 */

const TRADITIONAL: Record<string, string> = {
  党: "黨",
  乡: "鄉",
  村: "村",
  兴: "興",
  层: "層",
  区: "區",
  务: "務",
  众: "眾",
  组: "組",
  织: "織",
  设: "設",
  习: "習",
  进: "進",
  实: "實",
  责: "責",
  创: "創",
  发: "發",
  产: "產",
  业: "業",
  数: "數",
  转: "轉",
  经: "經",
  济: "濟",
  项: "項",
  民: "民",
  时: "時",
  质: "質",
  城: "城",
  街: "街",
  导: "導",
  领: "領",
  员: "員",
  动: "動",
  开: "開",
  头: "頭",
  国: "國",
};

export function traditionalForm(word: string): string {
  return [...word].map((char) => TRADITIONAL[char] ?? char).join("");
}

/** `count` distinct queries from `vocabulary`, `extras` first. */
export function distinctQueries(
  vocabulary: readonly string[],
  count: number,
  extras: readonly string[] = [],
  seed = 20261201,
): string[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const words = [...new Set(vocabulary.filter((word) => word.trim().length > 0))];
  if (words.length === 0) throw new Error("distinctQueries: empty vocabulary");
  const pick = () => words[Math.floor(random() * words.length)];
  const chars = [...new Set(words.join(""))].filter((char) => /\p{Script=Han}/u.test(char));
  const out = new Set<string>(extras.filter((query) => query.trim().length > 0));
  for (let attempts = 0; out.size < count && attempts < count * 20; attempts += 1) {
    const roll = random();
    if (roll < 0.3) out.add(pick());
    else if (roll < 0.65) out.add(`${pick()} ${pick()}`);
    else if (roll < 0.8) out.add(`${pick()} ${pick()} ${pick()}`);
    else if (roll < 0.9) out.add(chars.length ? chars[Math.floor(random() * chars.length)] : pick());
    else out.add(traditionalForm(`${pick()}${random() < 0.5 ? "" : ` ${pick()}`}`));
  }
  const list = [...out].slice(0, count);
  // Shuffled, so the kinds interleave instead of coming in the order they were made.
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
