import { AhoCorasick } from "./aho-corasick";
import { excerptAround } from "./excerpt";
import { checksText } from "./messages";
import { TITLE_WORDS } from "./title-words";
import type { Hit, LeaderEntry, Segment } from "./types";

/**
 * A configured leader's name with a wrong title right after it (张三市长) or right before it
 * (市长张三). The title word taken is the longest known one touching the name, so 副市长 is not read
 * as 市长. A shorter form of an allowed title is accepted (张三书记 for a 市委书记) unless dropping the
 * prefix drops a 副: calling a 副市长 "市长" is exactly the error this rule exists for.
 */
export class LeaderTitleRule {
  private readonly names: AhoCorasick;
  private readonly leaders: LeaderEntry[];
  private readonly titleWords: string[];

  constructor(leaders: readonly LeaderEntry[]) {
    this.leaders = leaders.filter((leader) => leader.name.trim().length > 0 && leader.titles.length > 0);
    this.names = new AhoCorasick(this.leaders.map((leader) => leader.name.trim()));
    const words = new Set([...TITLE_WORDS, ...this.leaders.flatMap((leader) => leader.titles)]);
    // Longest first, so the first word that fits is the longest.
    this.titleWords = [...words].filter((word) => word.length > 0).sort((a, b) => b.length - a.length);
  }

  check(segment: Segment): Hit[] {
    if (this.leaders.length === 0) return [];
    const { text } = segment;
    const hits: Hit[] = [];
    for (const match of this.names.search(text)) {
      const leader = this.leaders[match.pattern];
      const after = this.titleWords.find((word) => text.startsWith(word, match.end));
      if (after !== undefined && !isAllowed(after, leader.titles)) {
        hits.push(this.hit(segment, leader, after, match.start, match.end + after.length, `${leader.name}${leader.titles[0]}`));
      }
      const before = this.titleWords.find((word) => match.start >= word.length && text.startsWith(word, match.start - word.length));
      if (before !== undefined && !isAllowed(before, leader.titles)) {
        hits.push(this.hit(segment, leader, before, match.start - before.length, match.end, `${leader.titles[0]}${leader.name}`));
      }
    }
    return hits;
  }

  private hit(segment: Segment, leader: LeaderEntry, found: string, start: number, end: number, suggestion: string): Hit {
    return {
      level: leader.level ?? "BLOCK",
      rule: "leaderTitle",
      term: segment.text.slice(start, end),
      suggestion,
      category: checksText.categories.leaderTitle,
      message: checksText.leaderTitle(leader.name, found, leader.titles),
      location: { field: segment.field, blockIndex: segment.blockIndex, path: segment.path, offset: start, length: end - start },
      excerpt: excerptAround(segment.text, start, end),
    };
  }
}

function isAllowed(found: string, allowed: readonly string[]): boolean {
  return allowed.some((title) => title === found || (title.endsWith(found) && !title.slice(0, -found.length).endsWith("副")));
}
