const CONTEXT = 12;

/** The flagged text with up to CONTEXT characters either side, line breaks shown as spaces. */
export function excerptAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  return `${from > 0 ? "…" : ""}${text.slice(from, to).replace(/\n/g, " ")}${to < text.length ? "…" : ""}`;
}
