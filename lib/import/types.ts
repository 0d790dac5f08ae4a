/**
 * What every reader of an old site's export yields (lib/import/parse-*.ts): one article per item with
 * its body as the old site's HTML, before any conversion. Pure data, no database.
 */

/** A file of the source: a WXR or feed file, or a file of a `wget --mirror` folder (pages and photos). */
export interface SourceFile {
  /** Relative to the source root, with `/` separators (e.g. `old.example.gov.cn/xf/2021/0727/1.html`). */
  path: string;
  data: Buffer;
}

export interface ParsedArticle {
  /** The old URL, or the WordPress / feed guid when there is none: what a re-run is matched on. */
  key: string;
  /** The article's address on the old site ("" when unknown): kept as a 301 to the new one. */
  oldUrl: string;
  title: string;
  /** 来源 */
  source: string;
  /** 作者 */
  byline: string;
  summary: string;
  /** The old site's publication date (null: unknown, the import's date is used). */
  publishedAt: Date | null;
  /** Column names or slugs the old site gave it (categories, breadcrumb), most specific last. */
  columnHints: string[];
  /** The body as the old site's HTML. */
  bodyHtml: string;
  /** Where the body's relative photo addresses resolve from: the old URL or the page's own path. */
  baseUrl: string;
  /** The WordPress featured image (`_thumbnail_id`), as an address. */
  coverUrl?: string;
}

/** An item the reader could not make an article of, with the reason in Chinese. */
export interface ParseFailure {
  key: string;
  title: string;
  reason: string;
}

export type ParseOutcome = { ok: true; article: ParsedArticle } | ({ ok: false } & ParseFailure);

export interface ParseResult {
  items: ParseOutcome[];
  /** Items that are not articles (WordPress pages, drafts, attachments; list pages of a mirror). */
  skipped: number;
}
