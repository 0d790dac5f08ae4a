import Link from "next/link";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/admin/articles/DiffView";
import type { BodyDocument } from "@/lib/articles/body";
import { parseBody } from "@/lib/articles/body-schema";
import { articlesText } from "@/lib/articles/messages";
import { getRevisionPair } from "@/lib/articles/queries";
import { diffVersions } from "@/lib/articles/revision-diff";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { requirePagePermission } from "@/lib/permissions";

const t = articlesText.ui;

export const metadata = { title: t.revisions };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const META_FIELDS = ["seriesMark", "source", "byline", "summary", "lead", "coverId", "profileId"] as const;

function number(value: string | string[] | undefined): number | null {
  const n = Number(typeof value === "string" ? value : NaN);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function bodyOf(value: unknown): BodyDocument {
  const parsed = parseBody(value);
  return parsed.ok ? parsed.body : { type: "doc", content: [] };
}

/** The fields a revision recorded (older revisions, written before `meta` existed, have none). */
function metaOf(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  const meta = value as Record<string, unknown>;
  return Object.fromEntries(META_FIELDS.flatMap((key) => (key in meta ? [[key, typeof meta[key] === "string" ? (meta[key] as string) : ""]] : [])));
}

export default async function CompareRevisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const article = await db.article.findUnique({ where: { id }, select: { id: true, createdById: true, columnId: true } });
  if (!article) notFound();
  await requirePagePermission("article.read", { ownerId: article.createdById, columnId: article.columnId });
  const query = await searchParams;
  // Only one version chosen: compare it with the one before it.
  const b = number(query.to) ?? number(query.from);
  const a = number(query.from) !== null && number(query.to) !== null ? number(query.from) : b !== null && b > 1 ? b - 1 : null;
  if (a === null || b === null) notFound();
  const pair = await getRevisionPair(db, id, Math.min(a, b), Math.max(a, b));
  if (!pair) notFound();

  const labels = {
    title: t.fields.title,
    seriesMark: t.fields.seriesMark,
    source: t.fields.source,
    byline: t.fields.byline,
    summary: t.fields.summary,
    lead: t.fields.lead,
    coverId: t.fields.cover,
    profileId: t.fields.profile,
  };
  const diff = diffVersions(
    { title: pair.from.title, fields: metaOf(pair.from.meta), body: bodyOf(pair.from.body) },
    { title: pair.to.title, fields: metaOf(pair.to.meta), body: bodyOf(pair.to.body) },
    labels,
  );
  const label = (revision: typeof pair.from) => `${t.version(revision.number)} · ${revision.author.displayName} · ${formatDateTime(revision.createdAt)}`;

  return (
    <div className="max-w-6xl space-y-4">
      <Link href={`/admin/articles/${id}`} className="text-sm text-slate-600 underline-offset-2 hover:underline">
        ← {t.editArticle}
      </Link>
      <h1 className="text-2xl font-semibold">{t.diffTitle(pair.from.number, pair.to.number)}</h1>
      <div className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <DiffView diff={diff} leftLabel={label(pair.from)} rightLabel={label(pair.to)} />
      </div>
    </div>
  );
}
