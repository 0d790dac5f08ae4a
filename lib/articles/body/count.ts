// Body helpers the editor needs in the browser: no zod here, so the editor's bundle does not carry it.

/**
 * Only absolute web and mail links. The scheme must be the very first characters and no whitespace or
 * control character may appear anywhere, because browsers strip those before reading the scheme
 * (" javascript:", "java\tscript:"). `data:`, `javascript:`, `vbscript:` and relative URLs fail the
 * scheme test; http(s) must also parse as a URL with a host.
 */
export function isAllowedHref(href: string): boolean {
  if (!/^[^\s\u0000-\u001f\u007f-\u009f]+$/u.test(href)) return false;
  if (/^mailto:./i.test(href)) return true;
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    return new URL(href).hostname.length > 0;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Character count

/**
 * East Asian characters and full-width punctuation: one each, as 字数 counts them. Hangul is left out
 * on purpose: Word counts Korean by words （中文字符和朝鲜语单词）, which the word rule below does.
 * U+3000 (full-width space) is matched as whitespace before this test.
 */
const EAST_ASIAN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\u31c0-\u31ef\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7\u2e3a\u2e3b]/u;
const WHITESPACE = /\s/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Counts text the way Word's and WPS's 字数 does, which is what staff and editors' length limits mean:
 * - each Chinese (Japanese kana too) character counts 1, and so does each full-width or Chinese
 *   punctuation mark (,。、“”《》——…·);
 * - whitespace, including the full-width space, counts 0;
 * - any other run of characters between whitespace and East Asian characters counts 1 if it holds a
 *   letter or digit: "2021年7月27日" is 6, "COVID-19" is 1, "Hello, world." is 2;
 * - half-width punctuation standing alone (" - ", "...") counts 0.
 */
export function countCharacters(text: string): number {
  let count = 0;
  let inWord = false;
  let wordHasLetter = false;
  const endWord = () => {
    if (inWord && wordHasLetter) count++;
    inWord = false;
    wordHasLetter = false;
  };
  for (const char of text) {
    if (WHITESPACE.test(char)) {
      endWord();
    } else if (EAST_ASIAN.test(char)) {
      endWord();
      count++;
    } else {
      inWord = true;
      if (WORD_CHARACTER.test(char)) wordHasLetter = true;
    }
  }
  endWord();
  return count;
}

/** How many figures in a stored body have no alt text yet (submission requires none). */
export function figuresWithoutAlt(body: unknown): number {
  if (!body || typeof body !== "object") return 0;
  const node = body as { type?: unknown; attrs?: { alt?: unknown }; content?: unknown };
  const own = node.type === "figure" && !(typeof node.attrs?.alt === "string" && node.attrs.alt.trim()) ? 1 : 0;
  const children = Array.isArray(node.content) ? node.content : [];
  return children.reduce<number>((sum, child) => sum + figuresWithoutAlt(child), own);
}
