/**
 * The reader's display choices (字号 and 高对比度). Without JavaScript they arrive as a query string
 * (`?fs=l`, `?hc=1`) on the 字号 links and are remembered in a cookie; public/assets/reader.js switches
 * them without a reload and writes the same cookie and localStorage. The server renders the choice as
 * classes on <html>, so a page keeps at most six cached variants.
 */

export type FontSize = "s" | "m" | "l";

export interface ReaderPrefs {
  fontSize: FontSize;
  contrast: boolean;
}

export const DEFAULT_PREFS: ReaderPrefs = { fontSize: "m", contrast: false };
export const PREF_COOKIES = { fontSize: "fs", contrast: "hc" } as const;
const ONE_YEAR = 60 * 60 * 24 * 365;

function fontSizeOf(value: string | null | undefined): FontSize | undefined {
  return value === "s" || value === "m" || value === "l" ? value : undefined;
}

function contrastOf(value: string | null | undefined): boolean | undefined {
  return value === "1" ? true : value === "0" ? false : undefined;
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

export interface PrefsFromRequest {
  prefs: ReaderPrefs;
  /** Set-Cookie values to send when the query changed a choice. */
  setCookies: string[];
}

/** The choices the cookies hold (the default for a reader who never chose, without parsing anything). */
export function cookiePrefs(cookieHeader: string | null | undefined): ReaderPrefs {
  if (
    !cookieHeader ||
    (!cookieHeader.includes(`${PREF_COOKIES.fontSize}=`) && !cookieHeader.includes(`${PREF_COOKIES.contrast}=`))
  )
    return DEFAULT_PREFS;
  return {
    fontSize: fontSizeOf(cookieValue(cookieHeader, PREF_COOKIES.fontSize)) ?? DEFAULT_PREFS.fontSize,
    contrast: contrastOf(cookieValue(cookieHeader, PREF_COOKIES.contrast)) ?? DEFAULT_PREFS.contrast,
  };
}

export function prefsFromRequest(url: URL, cookieHeader: string | null): PrefsFromRequest {
  const queryFont = fontSizeOf(url.searchParams.get("fs"));
  const queryContrast = contrastOf(url.searchParams.get("hc"));
  const fromCookies = cookiePrefs(cookieHeader);
  const prefs: ReaderPrefs = {
    fontSize: queryFont ?? fromCookies.fontSize,
    contrast: queryContrast ?? fromCookies.contrast,
  };
  const cookie = (name: string, value: string) => `${name}=${value}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`;
  const setCookies = [
    ...(queryFont ? [cookie(PREF_COOKIES.fontSize, queryFont)] : []),
    ...(queryContrast !== undefined ? [cookie(PREF_COOKIES.contrast, queryContrast ? "1" : "0")] : []),
  ];
  return { prefs, setCookies };
}

/** The cache key of a page shown with the reader's choices: its URL, then the choices after a "|". */
export function perReaderKey(url: string, prefs: ReaderPrefs): string {
  return `${url}|fs=${prefs.fontSize};hc=${prefs.contrast ? 1 : 0}`;
}

export function htmlClass(prefs: ReaderPrefs): string {
  return [`fs-${prefs.fontSize}`, prefs.contrast ? "hc" : ""].filter(Boolean).join(" ");
}
