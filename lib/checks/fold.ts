/**
 * What terms and text are compared as: ASCII letters in lower case and full-width ASCII (Ａ, ｂ, １)
 * as half-width, so "ＡＢＣ" matches the term "abc". Every character maps to exactly one UTF-16 code
 * unit, so offsets in the folded text are offsets in the original.
 */
const FOLDABLE = /[A-Z\uff01-\uff5e]/g;

function fold(char: string): string {
  let code = char.charCodeAt(0);
  if (code >= 0xff01) code -= 0xfee0;
  if (code >= 0x41 && code <= 0x5a) code += 0x20;
  return String.fromCharCode(code);
}

export function foldForMatching(text: string): string {
  return text.replace(FOLDABLE, fold);
}
