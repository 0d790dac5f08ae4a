import { randomBytes } from "node:crypto";
import { pinyin } from "pinyin-pro";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { articlesText } from "./messages";

/**
 * An article's public address, `/articles/<slug>.html` (docs/public-site.md). Offered from the title
 * in pinyin (pinyin-pro: a maintained dictionary with polyphone handling by context, so 银行 reads
 * yin-hang and 重庆 chong-qing), shortened to a few syllables, made unique with -2, -3 …; staff may edit
 * it. A slug belongs to one article or to one redirect (ArticleSlugRedirect, the old address of a
 * live article whose slug changed), never both.
 */

/** What a slug may look like: lowercase letters, digits and single hyphens, 3–80 characters. */
export const ARTICLE_SLUG = /^(?=.{3,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Syllables and characters kept of a title: readable, and short enough to type and quote. */
const MAX_WORDS = 8;
const MAX_CHARS = 60;

/** The slug a title suggests (pure): "化工区党建的“拓荒牛”" → "hua-gong-qu-dang-jian-de-tuo-huang". */
export function slugFromTitle(title: string): string {
  const words = pinyin(title.normalize("NFKC"), { toneType: "none", type: "array", nonZh: "consecutive", v: true })
    .flatMap((piece) => piece.toLowerCase().split(/[^a-z0-9]+/))
    .filter(Boolean);
  let slug = "";
  for (const word of words.slice(0, MAX_WORDS)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_CHARS) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, MAX_CHARS);
  return slug.length >= 3 ? slug : `article${slug ? `-${slug}` : ""}`;
}

type SlugDb = Pick<PrismaClient, "article" | "articleSlugRedirect"> | Prisma.TransactionClient;

const v = articlesText.validation;

/** The Chinese message for a slug that cannot be used as written, or null. */
export function slugFormatError(slug: string): string | null {
  return ARTICLE_SLUG.test(slug) ? null : v.slugInvalid;
}

/**
 * Refuses (VALIDATION / CONFLICT, field "slug") a slug that is malformed, another article's, or an
 * old address redirecting to another article. `articleId` is the article asking (null: a new one);
 * its own old addresses may be taken back.
 */
export async function checkSlugFree(db: SlugDb, slug: string, articleId: string | null): Promise<void> {
  const format = slugFormatError(slug);
  if (format) throw new AppError("VALIDATION", format, "slug");
  const owner = await db.article.findUnique({ where: { slug }, select: { id: true } });
  if (owner && owner.id !== articleId) throw new AppError("CONFLICT", v.slugTaken, "slug");
  const redirect = await db.articleSlugRedirect.findUnique({
    where: { slug },
    select: { articleId: true, article: { select: { currentRevision: { select: { title: true } } } } },
  });
  if (redirect && redirect.articleId !== articleId) {
    throw new AppError("CONFLICT", v.slugRedirecting(redirect.article.currentRevision?.title ?? ""), "slug");
  }
}

/** `base`, or `base-2`, `base-3` … the first that is free (neither an article's nor a redirect's). */
export async function uniqueSlug(db: SlugDb, base: string, articleId: string | null = null): Promise<string> {
  const stem = base.slice(0, MAX_CHARS).replace(/-+$/, "");
  const candidates = [stem, ...Array.from({ length: 49 }, (_, i) => `${stem}-${i + 2}`)];
  const [articles, redirects] = await Promise.all([
    db.article.findMany({ where: { slug: { in: candidates } }, select: { id: true, slug: true } }),
    db.articleSlugRedirect.findMany({ where: { slug: { in: candidates } }, select: { slug: true, articleId: true } }),
  ]);
  const taken = new Set([
    ...articles.filter((row) => row.id !== articleId).map((row) => row.slug),
    ...redirects.filter((row) => row.articleId !== articleId).map((row) => row.slug),
  ]);
  const free = candidates.find((candidate) => !taken.has(candidate));
  // Fifty namesakes: fall back on a random tail rather than fail the save.
  return free ?? `${stem}-${randomBytes(3).toString("hex")}`;
}

/** The slug to offer for `title` (what the form shows before the first save, and a save without one). */
export function suggestSlug(db: SlugDb, title: string, articleId: string | null = null): Promise<string> {
  return uniqueSlug(db, slugFromTitle(title), articleId);
}
