import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/admin/auth/ChangePasswordForm";
import { TotpCodeForm } from "@/components/admin/auth/TotpCodeForm";
import { changePasswordAction } from "@/app/admin/change-password/actions";
import { disableTotpAction } from "@/app/admin/two-factor/actions";
import { secondFactorRequired } from "@/lib/auth/second-factor";
import { recentLogins } from "@/lib/auth/queries";
import { authText } from "@/lib/auth/messages";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { requirePagePermission } from "@/lib/permissions";

const t = authText.account;
const tf = authText.twoFactor;

export const metadata: Metadata = { title: t.title };

/** 我的账户: one's own password, second factor and the latest logins, so a stranger's login gets noticed. */
export default async function AccountPage() {
  const user = await requirePagePermission("account.view");
  const timeZone = await displayTimeZone();
  const logins = await recentLogins(db, user.id);
  return (
    <div className="max-w-3xl space-y-10">
      <header>
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t.username}</dt>
          <dd>{user.username}</dd>
          <dt className="text-slate-600">{t.displayName}</dt>
          <dd>{user.displayName}</dd>
        </dl>
      </header>

      <section aria-labelledby="password-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <h2 id="password-heading" className="mb-4 text-lg font-semibold">
          {authText.changePassword.title}
        </h2>
        <ChangePasswordForm action={changePasswordAction} />
      </section>

      <section aria-labelledby="totp-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <h2 id="totp-heading" className="mb-2 text-lg font-semibold">
          {tf.accountSection}
        </h2>
        <p className="mb-4 text-sm text-slate-700">{user.totpEnabled ? tf.statusOn : tf.statusOff}</p>
        {secondFactorRequired(user.roles) ? (
          <p className="text-sm text-slate-600">{tf.required}</p>
        ) : user.totpEnabled ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-600">{tf.disableIntro}</p>
            <TotpCodeForm action={disableTotpAction} submit={tf.disable} submitting={tf.disabling} tone="danger" />
          </div>
        ) : (
          <Link
            href="/admin/two-factor"
            className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            {tf.enable}
          </Link>
        )}
      </section>

      <section aria-labelledby="logins-heading">
        <h2 id="logins-heading" className="mb-3 text-lg font-semibold">
          {t.recentLogins}
        </h2>
        {logins.length === 0 ? (
          <p className="text-sm text-slate-600">{t.noLogins}</p>
        ) : (
          <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-slate-200">
            <table className="min-w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t.time}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t.ip}
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    {t.result}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {logins.map((login) => (
                  <tr key={login.id}>
                    <td className="whitespace-nowrap px-4 py-2 tabular-nums">
                      {formatDateTime(login.createdAt, timeZone)}
                    </td>
                    <td className="px-4 py-2 tabular-nums">{login.ip}</td>
                    <td className={`px-4 py-2 ${login.success ? "text-green-700" : "text-brand-700"}`}>
                      {login.success ? t.success : t.failure}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
