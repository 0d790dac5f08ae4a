import Link from "next/link";
import { ImageOff, Search } from "lucide-react";
import { EmptyState } from "@/components/admin/EmptyState";
import { PageHeader } from "@/components/admin/PageHeader";
import { KeysetPagination, listHref } from "@/components/admin/Pagination";
import { DeleteMediaButton } from "@/components/admin/media/DeleteMediaButton";
import { EditMediaDialog } from "@/components/admin/media/EditMediaDialog";
import { LibraryUploader } from "@/components/admin/media/LibraryUploader";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { mediaText } from "@/lib/media/messages";
import { listMedia } from "@/lib/media/queries";
import { mediaListQuerySchema } from "@/lib/media/schemas";
import { can, requirePagePermission } from "@/lib/permissions";
import { deleteMediaAction, updateMediaAction } from "./actions";

const t = mediaText.library;

export const metadata = { title: t.title };

export default async function MediaLibraryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission("media.list");
  const timeZone = await displayTimeZone();
  const query = mediaListQuerySchema.parse(await searchParams);
  const { items, nextCursor } = await listMedia(db, query);
  const maxBytes = env().UPLOAD_MAX_BYTES;
  const mayUpload = can(user, "media.upload");
  const mayEdit = can(user, "media.update");

  return (
    <div className="space-y-6">
      <PageHeader title={t.title} intro={t.intro}>
        {mayUpload && <LibraryUploader maxBytes={maxBytes} />}
      </PageHeader>

      <form noValidate role="search" action="/admin/media" className="flex max-w-xl gap-2">
        <label htmlFor="media-q" className="sr-only">
          {t.search}
        </label>
        <input
          id="media-q"
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          placeholder={t.searchPlaceholder}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
        />
        <button
          type="submit"
          className="inline-flex shrink-0 items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
        >
          <Search aria-hidden className="size-4" />
          {t.submitSearch}
        </button>
        {query.q && (
          <Link
            href="/admin/media"
            className="inline-flex shrink-0 items-center rounded-md px-3 py-2 text-sm text-slate-600 hover:underline"
          >
            {t.clearSearch}
          </Link>
        )}
      </form>

      {items.length === 0 ? (
        <EmptyState message={query.q ? t.noResults(query.q) : undefined}>
          {!query.q && (
            <>
              <ImageOff aria-hidden className="mx-auto size-10 text-slate-400" />
              <h2 className="mt-3 font-medium text-slate-900">{t.emptyTitle}</h2>
              <p className="mt-1 text-sm text-slate-600">{t.emptyBody}</p>
              {mayUpload && (
                <div className="mt-4 flex justify-center">
                  <LibraryUploader maxBytes={maxBytes} />
                </div>
              )}
            </>
          )}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" data-testid="media-grid">
          {items.map((item) => (
            <li key={item.id} className="flex flex-col overflow-hidden rounded-xl bg-white ring-1 ring-slate-200">
              <a href={item.originalUrl} target="_blank" rel="noopener" className="block bg-slate-100">
                {/* eslint-disable-next-line @next/next/no-img-element -- our own 480 px WebP rendition, already sized */}
                <img
                  src={item.thumbnailUrl}
                  alt={item.alt}
                  width={item.width}
                  height={item.height}
                  loading="lazy"
                  className="aspect-[4/3] w-full object-cover"
                />
              </a>
              <div className="flex flex-1 flex-col gap-1 p-3 text-sm">
                <p className="truncate font-medium text-slate-900" title={item.originalName}>
                  {item.originalName}
                </p>
                {item.alt ? (
                  <p className="line-clamp-2 text-slate-700">{item.alt}</p>
                ) : (
                  <p className="text-brand-700">{t.noAlt}</p>
                )}
                {item.caption && <p className="line-clamp-2 text-slate-500">{item.caption}</p>}
                <p className="text-xs text-slate-500">
                  {t.size(item.width, item.height)} ·{" "}
                  {t.uploadedBy(item.uploaderName, formatDate(new Date(item.createdAt), timeZone))}
                </p>
                <div className="mt-auto flex gap-2 pt-2">
                  {mayEdit && <EditMediaDialog media={item} action={updateMediaAction} />}
                  {can(user, "media.delete", { ownerId: item.uploaderId }) && (
                    <DeleteMediaButton mediaId={item.id} name={item.originalName} action={deleteMediaAction} />
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}

      <KeysetPagination
        back={query.cursor ? { href: listHref("/admin/media", { q: query.q }), label: t.first } : undefined}
        on={
          nextCursor ? { href: listHref("/admin/media", { q: query.q, cursor: nextCursor }), label: t.next } : undefined
        }
      />
    </div>
  );
}
