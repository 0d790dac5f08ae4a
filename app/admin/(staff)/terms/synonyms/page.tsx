import { LineListPage } from "@/components/admin/terms/LineListPage";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { listSynonymGroups } from "@/lib/synonyms/commands";
import { formatSynonyms, synonymsText as t } from "@/lib/synonyms/schemas";
import { updateSynonymsAction } from "./actions";

export const metadata = { title: t.title };

export default async function SynonymsPage() {
  await requirePagePermission("settings.manage");
  return (
    <LineListPage
      title={t.title}
      intro={t.intro}
      name="synonyms"
      label={t.field}
      value={formatSynonyms(await listSynonymGroups(db))}
      placeholder={"新冠=新型冠状病毒\n危化品=危险化学品"}
      save={t.save}
      action={updateSynonymsAction}
    />
  );
}
