/**
 * A multi-pattern string matcher (Aho–Corasick): built once for a pattern list, it finds every
 * occurrence of every pattern in one pass over the text, so checking an article costs about the same
 * for 100 terms as for 10,000. Works on UTF-16 code units, like JavaScript string offsets.
 *
 * Frozen into flat typed arrays after the build: the root (where most steps land in Chinese text) has
 * a direct table over all 65,536 code units; every other state keeps its few edges sorted by code.
 */

export interface PatternMatch {
  /** Index of the pattern in the list given to the constructor. */
  pattern: number;
  start: number;
  end: number;
}

const ROOT = 0;
const NONE = -1;
/** Below this many edges a linear scan beats a binary search. */
const LINEAR_EDGES = 8;

export class AhoCorasick {
  private readonly rootNext = new Int32Array(65536);
  private readonly edgeStart: Int32Array;
  private readonly edgeCodes: Uint16Array;
  private readonly edgeTargets: Int32Array;
  private readonly fail: Int32Array;
  /** Patterns ending exactly at a state (empty for most). */
  private readonly out: number[][];
  /** The state itself if it has output, else the nearest one along the failure chain, else NONE. */
  private readonly firstOut: Int32Array;
  /** The next state with output along the failure chain after this one, or NONE. */
  private readonly nextOut: Int32Array;
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    // Build with Maps, then freeze.
    const children: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    this.lengths = patterns.map((pattern) => pattern.length);
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let state = ROOT;
      for (let i = 0; i < pattern.length; i += 1) {
        const code = pattern.charCodeAt(i);
        let next = children[state].get(code);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          out.push([]);
          children[state].set(code, next);
        }
        state = next;
      }
      out[state].push(index);
    });

    const count = children.length;
    this.out = out;
    this.fail = new Int32Array(count);
    this.firstOut = new Int32Array(count).fill(NONE);
    this.nextOut = new Int32Array(count).fill(NONE);

    // Breadth-first, so every failure link points to a state already linked.
    const queue: number[] = [];
    for (const child of children[ROOT].values()) queue.push(child);
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head];
      for (const [code, child] of children[state]) {
        let fallback = this.fail[state];
        let target = children[fallback].get(code);
        while (target === undefined && fallback !== ROOT) {
          fallback = this.fail[fallback];
          target = children[fallback].get(code);
        }
        this.fail[child] = target ?? ROOT;
        queue.push(child);
      }
    }
    // Output chains, again in breadth-first order (a failure link is always shallower).
    for (const state of queue) {
      const failState = this.fail[state];
      this.nextOut[state] = this.firstOut[failState];
      this.firstOut[state] = out[state].length > 0 ? state : this.nextOut[state];
    }

    let edges = 0;
    for (const map of children) edges += map.size;
    this.edgeStart = new Int32Array(count + 1);
    this.edgeCodes = new Uint16Array(edges);
    this.edgeTargets = new Int32Array(edges);
    let at = 0;
    for (let state = 0; state < count; state += 1) {
      this.edgeStart[state] = at;
      for (const [code, child] of [...children[state]].sort((a, b) => a[0] - b[0])) {
        this.edgeCodes[at] = code;
        this.edgeTargets[at] = child;
        at += 1;
      }
    }
    this.edgeStart[count] = at;
    for (const [code, child] of children[ROOT]) this.rootNext[code] = child;
  }

  get stateCount(): number {
    return this.fail.length;
  }

  private step(state: number, code: number): number {
    let low = this.edgeStart[state];
    let high = this.edgeStart[state + 1];
    if (high - low <= LINEAR_EDGES) {
      for (; low < high; low += 1) if (this.edgeCodes[low] === code) return this.edgeTargets[low];
      return NONE;
    }
    while (low < high) {
      const mid = (low + high) >> 1;
      const midCode = this.edgeCodes[mid];
      if (midCode === code) return this.edgeTargets[mid];
      if (midCode < code) low = mid + 1;
      else high = mid;
    }
    return NONE;
  }

  /** Every occurrence, overlapping ones included, in order of their end offset. */
  search(text: string): PatternMatch[] {
    const matches: PatternMatch[] = [];
    let state = ROOT;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      for (;;) {
        if (state === ROOT) {
          state = this.rootNext[code];
          break;
        }
        const next = this.step(state, code);
        if (next !== NONE) {
          state = next;
          break;
        }
        state = this.fail[state];
      }
      for (let found = this.firstOut[state]; found !== NONE; found = this.nextOut[found]) {
        for (const pattern of this.out[found])
          matches.push({ pattern, start: i + 1 - this.lengths[pattern], end: i + 1 });
      }
    }
    return matches;
  }
}
