import { BackLink } from "@/components/admin/BackLink";
import { ArticleForm } from "@/components/admin/articles/ArticleForm";
import { articlesText } from "@/lib/articles/messages";
import { defaultSource, listColumnChoices, listProfileChoices } from "@/lib/articles/queries";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requirePagePermission } from "@/lib/permissions";
import { displayTimeZone } from "@/lib/settings/display-time-zone";

const t = articlesText.ui;

export const metadata = { title: t.newArticle };

export default async function NewArticlePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission("article.create");
  const [columns, profiles, source, params, timeZone] = await Promise.all([
    listColumnChoices(db),
    listProfileChoices(db),
    defaultSource(db),
    searchParams,
    displayTimeZone(),
  ]);
  // `?column=<id>` starts in that column (links from a column page); otherwise the first one.
  const wanted = typeof params.column === "string" ? params.column : undefined;
  const column = columns.find((item) => item.id === wanted) ?? columns[0];

  return (
    <div className="max-w-5xl space-y-4">
      <BackLink href="/admin/articles" label={t.backToList} />
      <h1 className="text-2xl font-semibold">{t.newArticle}</h1>
      <ArticleForm
        articleId={null}
        timeZone={timeZone}
        lockVersion={0}
        editable
        initial={{
          overTitle: "",
          subtitle: "",
          responsibleEditor: "",
          displayDate: "",
          slug: "",
          title: "",
          seriesMark: column?.seriesMark ?? "",
          columnId: column?.id ?? "",
          source,
          byline: "",
          summary: "",
          lead: "",
          coverId: null,
          profileId: null,
        }}
        body={{ type: "doc", content: [] }}
        columns={columns}
        profiles={profiles}
        maxUploadBytes={env().UPLOAD_MAX_BYTES}
        media={[]}
      />
    </div>
  );
}
