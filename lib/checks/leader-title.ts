import { cutWords } from "@/lib/text/segmenter";
import { skeleton } from "@/lib/text/normalise";
import { AhoCorasick } from "./aho-corasick";
import { excerptAround } from "./excerpt";
import { checksText } from "./messages";
import { locate } from "./segments";
import { TITLE_WORDS } from "./title-words";
import type { FieldRun, Hit, HitLevel, LeaderEntry } from "./types";

/**
 * A configured leader's name with a wrong title right after it (张三市长) or right before it
 * (市长张三), matched on the normalised run (so 习近平 总理, with a space, is seen). The title word
 * taken is the longest known one touching the name, so 副市长 is not read as 市长.
 *
 * - The name must end on a word boundary: 副主任李炯明 is about 李炯明, not 李炯 (jieba's HMM keeps
 *   an unknown three-character name whole), unless a title word follows right away (李炯书记).
 * - Accepted: one of the leader's titles; a shorter form of one (张三书记 for a 市委书记) unless that
 *   drops a 副; a longer title that ends with one (直属党委副书记 when 副书记 is configured) unless
 *   that adds a 副.
 * - Any other title is the configured level (BLOCK by default) — 市长 for a 副市长 is the error this
 *   rule exists for — except a grassroots office (村党支部书记, 社区主任, 公司总经理 for the
 *   premier's name), which is most likely a namesake: WARN, "请核实是否为某某同志".
 * - Suggestions read as Chinese writes them: 国务院总理李强 (a long title before the name), 李强总理.
 */
export class LeaderTitleRule {
  private readonly names: AhoCorasick;
  private readonly leaders: LeaderEntry[];
  private readonly titleWords: string[];

  constructor(leaders: readonly LeaderEntry[]) {
    this.leaders = leaders
      .filter((leader) => leader.name.trim().length > 0 && leader.titles.length > 0)
      .map((leader) => ({
        ...leader,
        name: skeleton(leader.name.trim()),
        titles: leader.titles.map((title) => skeleton(title.trim())).filter(Boolean),
      }));
    this.names = new AhoCorasick(this.leaders.map((leader) => leader.name));
    const words = new Set([...TITLE_WORDS, ...this.leaders.flatMap((leader) => leader.titles)]);
    // Longest first, so the first word that fits is the longest.
    this.titleWords = [...words].filter((word) => word.length > 0).sort((a, b) => b.length - a.length);
  }

  check(run: FieldRun): Hit[] {
    if (this.leaders.length === 0) return [];
    const text = run.skeleton.text;
    const hits: Hit[] = [];
    for (const match of this.names.search(text)) {
      const leader = this.leaders[match.pattern];
      const after = this.titleWords.find((word) => text.startsWith(word, match.end));
      if (after === undefined && !endsOnWordBoundary(text, match.start, match.end)) continue;
      if (after !== undefined && !isAllowed(after, leader.titles)) {
        hits.push(this.hit(run, leader, after, match.start, match.end + after.length, "after"));
      }
      const before = this.titleWords.find(
        (word) => match.start >= word.length && text.startsWith(word, match.start - word.length),
      );
      if (before !== undefined && !isAllowed(before, leader.titles)) {
        hits.push(this.hit(run, leader, before, match.start - before.length, match.end, "before"));
      }
    }
    return hits;
  }

  private hit(
    run: FieldRun,
    leader: LeaderEntry,
    found: string,
    start: number,
    end: number,
    side: "before" | "after",
  ): Hit {
    // After the name the short form reads naturally (李强总理), before it the full one (国务院总理李强).
    const sameOffice = leader.titles
      .filter((title) => office(title) === office(found))
      .sort((a, b) => (side === "after" ? a.length - b.length : b.length - a.length))[0];
    const text = run.skeleton.text;
    const titleStart = side === "before" ? start : end - found.length;
    const namesake = !sameOffice && isGrassroots(text.slice(Math.max(0, titleStart - 6), titleStart + found.length));
    const { location, term, segment, from, to } = locate(run, start, end);
    const level: HitLevel = namesake ? "WARN" : (leader.level ?? "BLOCK");
    const title = sameOffice ?? leader.titles[0];
    const suggestion = namesake
      ? ""
      : side === "after" && [...title].length <= 3
        ? `${leader.name}${title}`
        : `${title}${leader.name}`;
    return {
      level,
      rule: "leaderTitle",
      term,
      suggestion,
      category: checksText.categories.leaderTitle,
      message: namesake
        ? checksText.leaderNamesake(leader.name, found, leader.titles)
        : checksText.leaderTitle(leader.name, found, leader.titles),
      location,
      excerpt: excerptAround(segment.text, from, to),
    };
  }
}

/** The office a title names, rank and organisation aside: 副市长 → 市长, 市委副书记 → 书记, 国务院总理 → 总理. */
function office(title: string): string {
  return title.slice(-2);
}

/** Offices of villages, communities, branches and companies: the same name there is someone else. */
const GRASSROOTS = /村|社区|居委|支部|街道|镇|乡|公司|企业|集团|厂|学校|小学|中学|医院|车间|班组|合作社/;

function isGrassroots(titleWithContext: string): boolean {
  return GRASSROOTS.test(titleWithContext);
}

function endsOnWordBoundary(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 6);
  const to = Math.min(text.length, end + 6);
  let at = from;
  for (const word of cutWords(text.slice(from, to))) {
    if (at < end && at + word.length > end) return false;
    at += word.length;
  }
  return true;
}

function isAllowed(found: string, allowed: readonly string[]): boolean {
  return allowed.some(
    (title) =>
      title === found ||
      (title.endsWith(found) && !title.slice(0, -found.length).endsWith("副")) ||
      (found.endsWith(title) && !found.slice(0, -title.length).endsWith("副")),
  );
}
