import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/admin/auth/ChangePasswordForm";
import { LogoutButton } from "@/components/admin/LogoutButton";
import { logoutAction } from "@/app/admin/actions";
import { changePasswordAction } from "@/app/admin/change-password/actions";
import { authText } from "@/lib/auth/messages";
import { requireUser } from "@/lib/auth/session";

const t = authText.changePassword;

export const metadata: Metadata = { title: t.title };

/** The forced first change (and after a reset). Outside the staff shell: nothing else is usable yet. */
export default async function ChangePasswordPage() {
  const user = await requireUser();
  if (!user.mustChangePassword) redirect("/admin/account");
  return (
    <main className="mx-auto max-w-lg px-4 py-12">
      <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <div className="mb-6 flex items-start justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold">{t.forcedHeading}</h1>
            <p className="mt-2 text-sm text-slate-600">{t.forcedIntro}</p>
          </div>
          <LogoutButton action={logoutAction} />
        </div>
        <ChangePasswordForm action={changePasswordAction} after="dashboard" />
      </div>
    </main>
  );
}
