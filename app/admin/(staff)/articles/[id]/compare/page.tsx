import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { DiffView } from "@/components/admin/articles/DiffView";
import { articlesText } from "@/lib/articles/messages";
import { getRevisionPair } from "@/lib/articles/queries";
import { diffRevisions } from "@/lib/articles/revision-diff";
import { articleResource } from "@/lib/articles/resource";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { positiveInt } from "@/lib/http/params";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { requirePagePermission } from "@/lib/permissions";
import { isUuid } from "@/lib/uuid";

const t = articlesText.ui;

export const metadata = { title: t.revisions };

export default async function CompareRevisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const resource = await articleResource(db, id);
  if (!resource) notFound();
  await requirePagePermission("article.read", resource);
  const timeZone = await displayTimeZone();
  const query = await searchParams;
  // Only one version chosen: compare it with the one before it.
  const b = positiveInt(query.to) ?? positiveInt(query.from);
  const a =
    positiveInt(query.from) !== null && positiveInt(query.to) !== null
      ? positiveInt(query.from)
      : b !== null && b > 1
        ? b - 1
        : null;
  if (a === null || b === null) notFound();
  const pair = await getRevisionPair(db, id, Math.min(a, b), Math.max(a, b));
  if (!pair) notFound();

  const columns = new Map(
    (await db.column.findMany({ select: { id: true, name: true } })).map((column) => [column.id, column.name]),
  );
  const diff = diffRevisions(pair.from, pair.to, (columnId) => columns.get(columnId) ?? columnId, timeZone);
  const label = (revision: typeof pair.from) =>
    `${t.version(revision.number)} · ${revision.author.displayName} · ${formatDateTime(revision.createdAt, timeZone)}`;

  return (
    <div className="max-w-6xl space-y-4">
      <BackLink href={`/admin/articles/${id}`} label={t.editArticle} />
      <h1 className="text-2xl font-semibold">{t.diffTitle(pair.from.number, pair.to.number)}</h1>
      <div className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <DiffView diff={diff} leftLabel={label(pair.from)} rightLabel={label(pair.to)} />
      </div>
    </div>
  );
}
