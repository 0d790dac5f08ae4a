import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { articlesText } from "@/lib/articles/messages";
import { renderArticlePreview } from "@/lib/public/render/preview";
import { articleResource } from "@/lib/articles/resource";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { isUuid } from "@/lib/uuid";

const t = articlesText.ui;

export const metadata = { title: t.previewTitle };

/**
 * The draft as the public page will show it, at desktop width and at 360 px (most readers are on
 * phones). The page is the public renderer's own HTML in sandboxed `srcdoc` frames: the admin is
 * never framed (frame-ancestors 'none'), scripts do not run, and only signed-in staff who may read
 * the article get here.
 */
export default async function ArticlePreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const resource = await articleResource(db, id);
  if (!resource) notFound();
  await requirePagePermission("article.read", resource);
  const html = await renderArticlePreview(db, id);
  if (!html) notFound();

  return (
    <div className="space-y-4">
      <BackLink href={`/admin/articles/${id}`} label={t.editArticle} />
      <h1 className="text-2xl font-semibold">{t.previewTitle}</h1>
      <p className="text-sm text-slate-600">{t.previewNote}</p>
      {/* The desktop frame asks for 48rem and shrinks below it only when the phone frame has wrapped
          under it: a min-width on the iframe itself overflowed its figure and slid under the phone. */}
      <div className="flex flex-wrap items-start gap-6">
        <figure className="min-w-0 flex-[1_1_48rem]" data-testid="preview-desktop">
          <figcaption className="mb-2 text-sm font-medium">{t.previewDesktop}</figcaption>
          <iframe
            title={`${t.previewTitle}：${t.previewDesktop}`}
            srcDoc={html}
            sandbox="allow-same-origin"
            className="h-[80vh] w-full rounded-lg bg-white ring-1 ring-slate-300"
          />
        </figure>
        <figure className="shrink-0" data-testid="preview-phone">
          <figcaption className="mb-2 text-sm font-medium">{t.previewPhone}</figcaption>
          <iframe
            title={`${t.previewTitle}：${t.previewPhone}`}
            srcDoc={html}
            sandbox="allow-same-origin"
            className="h-[80vh] w-[360px] rounded-lg bg-white ring-1 ring-slate-300"
          />
        </figure>
      </div>
    </div>
  );
}
