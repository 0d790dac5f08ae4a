import "server-only";
import { pinyin } from "pinyin-pro";
import { skeleton } from "@/lib/text/normalise";
import { cutWords } from "@/lib/text/segmenter";
import { CHECK_SETTINGS, leadersSettingSchema } from "@/lib/checks/settings";
import type { PublicDb } from "./queries";
import type { QueryTerm } from "./search-terms";
import { USER_WORDS_SETTING } from "./search-index";

/**
 * "您是不是要找：李炯" — a suggestion when nothing matches: the query typed in pinyin (lijiong), with a
 * homophone (漕径镇 for 漕泾镇) or with one character off by a sound (乡村振新 for 乡村振兴). Candidates
 * are the site's own words: profile, leader and column names, organisations, the configured place
 * names, and the words of recent titles; pinyin by pinyin-pro, without tones.
 */

interface Entry {
  word: string;
  key: string;
  syllables: string[];
  weight: number;
}

let cached: { key: string; entries: Entry[] } | undefined;

function syllablesOf(word: string): string[] {
  return pinyin(word, { toneType: "none", type: "array", nonZh: "consecutive" }).map((syllable) =>
    syllable.toLowerCase(),
  );
}

async function vocabulary(client: PublicDb): Promise<Entry[]> {
  const [row] = await client.$queryRaw<{ key: string }[]>`
    SELECT concat_ws('|', (SELECT max("publishedAt") FROM "SearchIndex"), (SELECT max("updatedAt") FROM "Profile"), (SELECT max("updatedAt") FROM "Column"),
                          (SELECT md5("value"::text) FROM "SiteSetting" WHERE "key" IN (${CHECK_SETTINGS.leaders}) LIMIT 1)) AS key`;
  const key = row?.key ?? "";
  if (cached?.key === key) return cached.entries;
  const words = new Map<string, number>();
  const add = (word: string, weight: number) => {
    const folded = skeleton(word);
    if ([...folded].length >= 2 && [...folded].length <= 12) words.set(folded, (words.get(folded) ?? 0) + weight);
  };
  const names = await client.$queryRaw<{ word: string }[]>`
    SELECT name AS word FROM "Column" UNION ALL SELECT name FROM "Profile" UNION ALL SELECT organisation FROM "Profile" WHERE organisation <> ''`;
  for (const item of names) add(item.word, 50);
  const settings = await client.$queryRaw<
    { key: string; value: unknown }[]
  >`SELECT "key", "value" FROM "SiteSetting" WHERE "key" IN (${CHECK_SETTINGS.leaders}, ${USER_WORDS_SETTING})`;
  for (const setting of settings) {
    if (setting.key === USER_WORDS_SETTING && Array.isArray(setting.value))
      for (const word of setting.value) if (typeof word === "string") add(word, 50);
    if (setting.key === CHECK_SETTINGS.leaders) {
      const leaders = leadersSettingSchema.safeParse(setting.value);
      if (leaders.success) for (const leader of leaders.data) add(leader.name, 50);
    }
  }
  // Recent titles' words, and each pair of adjacent words (乡村 + 振兴 = 乡村振兴).
  const titles = await client.$queryRaw<
    { title: string }[]
  >`SELECT title FROM "SearchIndex" ORDER BY "publishedAt" DESC LIMIT 3000`;
  for (const { title } of titles) {
    const cut = cutWords(title).filter((word) => /^[\p{L}\p{N}]+$/u.test(word));
    cut.forEach((word, i) => {
      add(word, 1);
      if (i > 0) add(`${cut[i - 1]}${word}`, 1);
    });
  }
  const entries = [...words].map(([word, weight]) => {
    const syllables = syllablesOf(word);
    return { word, syllables, key: syllables.join(""), weight };
  });
  cached = { key, entries };
  return entries;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** The best site word for one term, or null. */
export function suggestWord(term: string, entries: readonly Entry[]): string | null {
  const chars = [...term];
  const latin = /^[a-z]+$/.test(term);
  const syllables = latin ? [] : syllablesOf(term);
  const key = latin ? term : syllables.join("");
  let best: { entry: Entry; score: number } | null = null;
  for (const entry of entries) {
    if (entry.word === term) continue;
    let score = 0;
    if (entry.key === key) score = 3;
    else if (!latin && [...entry.word].length === chars.length) {
      const differing = [...entry.word].filter((char, i) => char !== chars[i]).length;
      if (differing === 1 && chars.length >= 3 && editDistance(entry.key, key, 1) <= 1) score = 2;
    } else if (latin && key.length >= 6 && editDistance(entry.key, key, 1) <= 1) score = 1;
    if (score > 0 && (!best || score > best.score || (score === best.score && entry.weight > best.entry.weight)))
      best = { entry, score };
  }
  return best?.entry.word ?? null;
}

/** A whole-query suggestion: each term that has a better site word replaced; null when none has. */
export async function suggestFor(client: PublicDb, terms: readonly QueryTerm[]): Promise<string | null> {
  const entries = await vocabulary(client);
  // Pinyin typed with spaces between syllables (wang jian guo, Wang Jianguo) is one name.
  if (terms.length > 1 && terms.every((term) => /^[a-z]+$/.test(term.skeleton))) {
    const joined = suggestWord(terms.map((term) => term.skeleton).join(""), entries);
    if (joined) return joined;
  }
  let changed = false;
  const words = terms.map((term) => {
    const better = suggestWord(term.skeleton, entries);
    if (better) changed = true;
    return better ?? term.text;
  });
  return changed ? words.join(" ") : null;
}
