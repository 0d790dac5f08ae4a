import type { Metadata } from "next";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { TotpCodeForm } from "@/components/admin/auth/TotpCodeForm";
import { LogoutButton } from "@/components/admin/LogoutButton";
import { Toaster } from "@/components/admin/Toaster";
import { logoutAction } from "@/app/admin/actions";
import { enrolTotpAction } from "@/app/admin/two-factor/actions";
import { authText } from "@/lib/auth/messages";
import { requireUser } from "@/lib/auth/session";
import { totpUri } from "@/lib/auth/totp";
import { pendingTotpSecret } from "@/lib/auth/two-factor";
import { db } from "@/lib/db";
import { getSiteSettings } from "@/lib/settings/queries";

const t = authText.twoFactor;

export const metadata: Metadata = { title: t.title };

/** The key in groups of four, as authenticator apps show and take it. */
const grouped = (base32: string) => base32.replace(/(.{4})(?=.)/g, "$1 ");

/**
 * Second-factor enrolment: forced for a privileged account without one (the session refuses it
 * everything else, lib/permissions), chosen from 我的账户 by others. Outside the staff shell, like
 * the forced password change, which comes first.
 */
export default async function TwoFactorPage() {
  const user = await requireUser();
  if (user.mustChangePassword) redirect("/admin/change-password");
  if (user.totpEnabled) redirect("/admin/account");
  const secret = await pendingTotpSecret(db, user.id);
  if (!secret) redirect("/admin/account");
  const settings = await getSiteSettings(db);
  const svg = await QRCode.toString(totpUri(secret, user.username, settings.shortName || settings.siteName), {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 1,
  });
  const forced = user.mustEnrolTotp;
  return (
    <main className="mx-auto max-w-lg px-4 py-12">
      <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <div className="mb-6 flex items-start justify-between gap-4">
          <div>
            <h1 className="text-xl font-semibold">{forced ? t.forcedHeading : t.optionalHeading}</h1>
            <p className="mt-2 text-sm text-slate-600">{forced ? t.forcedIntro : t.optionalIntro}</p>
          </div>
          <div className="shrink-0">
            <LogoutButton action={logoutAction} />
          </div>
        </div>
        <ol className="mb-6 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          {t.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URI made on the server, no optimisation applies */}
        <img
          src={`data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`}
          alt={t.qrAlt}
          width={192}
          height={192}
          className="mb-4 rounded-md ring-1 ring-slate-200"
        />
        <p className="text-sm text-slate-600">{t.secretLabel}</p>
        <p className="mb-6 break-all font-mono text-base" data-testid="totp-secret">
          {grouped(secret)}
        </p>
        <TotpCodeForm
          action={enrolTotpAction}
          submit={t.submit}
          submitting={t.submitting}
          after={forced ? "dashboard" : undefined}
        />
      </div>
      <Toaster />
    </main>
  );
}
