import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/BackLink";
import { RoleBadges } from "@/components/admin/users/RoleBadges";
import { StatusBadge } from "@/components/admin/users/StatusBadge";
import Link from "next/link";
import { RolesForm } from "@/components/admin/users/RolesForm";
import { UserActionButton } from "@/components/admin/users/UserActionButton";
import { UserForm } from "@/components/admin/users/UserForm";
import { approvalsText } from "@/lib/approvals/messages";
import { pendingForUser } from "@/lib/approvals/queries";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { can, requirePagePermission } from "@/lib/permissions";
import { usersText } from "@/lib/users/messages";
import { getUserDetail, isLocked, listColumnOptions } from "@/lib/users/queries";
import { isPrivilegedRole } from "@/lib/roles";
import { reviewerToken } from "@/lib/users/schemas";
import { isUuid } from "@/lib/uuid";
import {
  disableUserAction,
  enableUserAction,
  resetPasswordAction,
  resetTotpAction,
  unlockUserAction,
  updateUserAction,
  updateUserRolesAction,
} from "../actions";

const t = usersText.ui;

export const metadata = { title: t.editUser };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  // Both administrators reach this page; each sees only the parts that are theirs (三员分立).
  const me = await requirePagePermission("user.list");
  const timeZone = await displayTimeZone();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const [user, columns, pending] = await Promise.all([
    getUserDetail(db, id),
    listColumnOptions(db),
    pendingForUser(db, id),
  ]);
  if (!user) notFound();

  const locked = isLocked(user);
  const isSelf = user.id === me.id;
  const isAuditor = user.roles.some((role) => role.role === "AUDITOR");
  const resetNeedsApproval = user.roles.some(isPrivilegedRole);
  const canRename = can(me, "user.update");
  const canGrant = can(me, "user.grantRoles") && !isSelf && !isAuditor;
  const rolesNote = !can(me, "user.grantRoles")
    ? t.rolesReadOnly
    : isSelf
      ? t.selfRoles
      : isAuditor
        ? t.auditorRolesFixed
        : null;
  const resetText = resetNeedsApproval ? { ...t.reset, body: `${t.reset.body}${t.resetNeedsApproval}` } : t.reset;
  const resetTotpText = resetNeedsApproval
    ? { ...t.resetTotp, body: `${t.resetTotp.body}${t.resetTotpNeedsApproval}` }
    : t.resetTotp;
  const plainRoles = user.roles.filter((role) => role.role !== "REVIEWER").map((role) => role.role);
  const reviewer = user.roles
    .filter((role) => role.role === "REVIEWER" && role.level)
    .map((role) => reviewerToken(role.level ?? 0, role.columnId));

  return (
    <div className="max-w-5xl space-y-6">
      <BackLink href="/admin/users" label={t.backToList} />
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{user.displayName}</h1>
        <span className="font-mono text-slate-500">{user.username}</span>
        <StatusBadge status={user.status} locked={locked} />
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          {pending.length > 0 && (
            <p
              role="status"
              className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/30"
            >
              {t.pendingNotice}
              {pending.map((request) => approvalsText.kindLabels[request.kind]).join("、")}。{" "}
              {can(me, "approval.list") && (
                <Link href="/admin/approvals" className="font-medium underline">
                  {t.viewApprovals}
                </Link>
              )}
            </p>
          )}
          {canRename && (
            <section aria-labelledby="edit-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
              <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
                {t.editUser}
              </h2>
              <UserForm
                mode="edit"
                action={updateUserAction}
                initial={{ userId: user.id, username: user.username, displayName: user.displayName }}
              />
            </section>
          )}
          <section aria-labelledby="roles-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
            <h2 id="roles-heading" className="mb-4 text-lg font-semibold">
              {t.rolesTitle}
            </h2>
            {canGrant ? (
              <RolesForm
                action={updateUserRolesAction}
                userId={user.id}
                columns={columns}
                initial={{ roles: plainRoles, reviewer }}
              />
            ) : (
              <div className="space-y-2">
                <RoleBadges roles={user.roles.map((role) => ({ ...role, columnName: role.column?.name }))} />
                {rolesNote && <p className="text-sm text-slate-500">{rolesNote}</p>}
              </div>
            )}
          </section>
        </div>

        <div className="space-y-6">
          <section aria-labelledby="ops-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
            <h2 id="ops-heading" className="mb-4 text-lg font-semibold">
              {t.operations}
            </h2>
            <div className="flex flex-wrap gap-2">
              {locked && can(me, "user.unlock") && (
                <UserActionButton action={unlockUserAction} userId={user.id} username={user.username} text={t.unlock} />
              )}
              {!isSelf && can(me, "user.resetPassword") && (
                <UserActionButton
                  action={resetPasswordAction}
                  userId={user.id}
                  username={user.username}
                  text={resetText}
                />
              )}
              {!isSelf && user.totpEnabledAt && can(me, "user.resetTotp") && (
                <UserActionButton
                  action={resetTotpAction}
                  userId={user.id}
                  username={user.username}
                  text={resetTotpText}
                />
              )}
              {user.status === "ACTIVE" && !isSelf && can(me, "user.disable") && (
                <UserActionButton
                  action={disableUserAction}
                  userId={user.id}
                  username={user.username}
                  text={t.disable}
                  tone="danger"
                />
              )}
              {user.status === "DISABLED" && can(me, "user.enable") && (
                <UserActionButton action={enableUserAction} userId={user.id} username={user.username} text={t.enable} />
              )}
            </div>
          </section>

          <section aria-labelledby="details-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
            <h2 id="details-heading" className="mb-4 text-lg font-semibold">
              {t.details}
            </h2>
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-slate-500">{t.roles}</dt>
                <dd className="mt-1">
                  <RoleBadges roles={user.roles.map((role) => ({ ...role, columnName: role.column?.name }))} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{usersText.ui.columns.lastLogin}</dt>
                <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, timeZone) : t.never}</dd>
              </div>
              {locked && user.lockedUntil && (
                <div>
                  <dt className="text-slate-500">{usersText.locked}</dt>
                  <dd className="text-amber-800">{t.lockedUntil(formatDateTime(user.lockedUntil, timeZone))}</dd>
                </div>
              )}
              <div>
                <dt className="text-slate-500">{t.failedLogins}</dt>
                <dd>{user.failedLoginCount}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t.openSessions}</dt>
                <dd>{user.openSessions}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t.passwordChangedAt}</dt>
                <dd>
                  {formatDateTime(user.passwordChangedAt, timeZone)}
                  {user.mustChangePassword && <span className="ml-2 text-slate-500">({t.mustChange})</span>}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t.totp}</dt>
                <dd>{user.totpEnabledAt ? t.totpOn : t.totpOff}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t.createdAt}</dt>
                <dd>{formatDateTime(user.createdAt, timeZone)}</dd>
              </div>
            </dl>
          </section>

          <section aria-labelledby="logins-heading" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
            <h2 id="logins-heading" className="mb-4 text-lg font-semibold">
              {t.recentLogins}
            </h2>
            {user.loginAttempts.length === 0 ? (
              <p className="text-sm text-slate-500">{t.noLogins}</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {user.loginAttempts.map((attempt, index) => (
                  <li key={`${index}-${attempt.createdAt.toISOString()}`} className="flex justify-between gap-2">
                    <span>{formatDateTime(attempt.createdAt, timeZone)}</span>
                    <span className="font-mono text-xs text-slate-500">{attempt.ip}</span>
                    <span className={attempt.success ? "text-green-800" : "text-brand-700"}>
                      {attempt.success ? t.loginOk : t.loginFailed}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
