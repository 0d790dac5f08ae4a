/**
 * The character classes the normaliser (./normalise.ts) folds away, in one place. Each is tested on a
 * character after NFKC, so full-width forms (＊, ～, ＠) count as their half-width ones.
 */

/**
 * Invisible characters, dropped everywhere: zero-width space and joiners, direction marks, embeddings,
 * overrides and isolates (a right-to-left override hides nothing from a reader but splits a term),
 * word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel separator, combining grapheme
 * joiner, Hangul fillers, variation selectors (❤️ is ❤ + U+FE0F), tag characters, and combining marks
 * (a strike-through or dot laid over a character leaves the character as read).
 */
export const INVISIBLE =
  /^[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e\u034f\u061c\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}\p{Mn}\p{Me}]$/u;

export const SPACE = /^\s$/u;

/**
 * Filler marks, dropped between two Chinese characters (法*轮功, 习·大大, 法🌸轮功): dots, stars, bars,
 * slashes, dashes and the like, every symbol (maths ×, currency, ❤ ○ □ ★, emoji) and the marks @ & % ※ §
 * — never the sentence punctuation (， 。 、 ！ ？ ：), which separates words a reader reads apart.
 */
export const FILLER = /^[*·•・‧∙⋅_~|/\\\-+#^=.丶\u2010-\u2015\u2027\u30fb\uff65@&%※§¶†‡‰′″\p{S}]$/u;

/** Quotation and title marks, dropped everywhere: “一带一路”战略 and 《一带一路》战略 read 一带一路战略. */
export const QUOTE = /^["'`“”‘’「」『』〝〞〟《》〈〉]$/u;

export const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]$/u;

/** 0–9, A–Z, a–z: the characters of a Latin word or a number, which no word boundary splits. */
export function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
