import { BackLink } from "@/components/admin/BackLink";
import { UserForm } from "@/components/admin/users/UserForm";
import { requirePagePermission } from "@/lib/permissions";
import { usersText } from "@/lib/users/messages";
import { createUserAction } from "../actions";

const t = usersText.ui;

export const metadata = { title: t.newUser };

export default async function NewUserPage() {
  await requirePagePermission("user.create");
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/users" label={t.backToList} />
      <h1 className="text-2xl font-semibold">{t.newUser}</h1>
      <div className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <UserForm mode="create" action={createUserAction} initial={{ username: "", displayName: "" }} />
      </div>
    </div>
  );
}
