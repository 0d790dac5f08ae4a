/** Passages a free-text comment quotes in 「」 or “” (a 退回意见 has no quote field of its own). */
export function quotedPassages(comment: string): string[] {
  return [...comment.matchAll(/「([^」]+)」|“([^”]+)”/g)]
    .map((match) => (match[1] ?? match[2]).trim())
    .filter((quote) => quote.length > 0);
}
