import { LineListPage } from "@/components/admin/terms/LineListPage";
import { db } from "@/lib/db";
import { requirePagePermission } from "@/lib/permissions";
import { formatLeaders } from "@/lib/terms/leaders-format";
import { termsText } from "@/lib/terms/messages";
import { configuredLeaders } from "@/lib/terms/queries";
import { updateLeadersAction } from "../actions";

const t = termsText.ui;

export const metadata = { title: t.leadersTitle };

export default async function LeadersPage() {
  await requirePagePermission("terms.manage");
  return (
    <LineListPage
      title={t.leadersTitle}
      intro={t.leadersIntro}
      name="leaders"
      label={t.leadersField}
      value={formatLeaders(await configuredLeaders(db))}
      placeholder={"张三\t市委书记\n李四\t副市长、市公安局局长"}
      save={t.leadersSave}
      action={updateLeadersAction}
    />
  );
}
