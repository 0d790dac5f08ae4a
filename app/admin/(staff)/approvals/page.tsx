import { EmptyState } from "@/components/admin/EmptyState";
import { ListTable } from "@/components/admin/ListTable";
import { PageHeader } from "@/components/admin/PageHeader";
import { roleLabel } from "@/components/admin/users/role-label";
import { UserActionButton } from "@/components/admin/users/UserActionButton";
import { approvalsText } from "@/lib/approvals/messages";
import { pendingRequests, recentDecisions, type ApprovalRow } from "@/lib/approvals/queries";
import { mayDecide } from "@/lib/approvals/rules";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import type { Role } from "@/lib/generated/prisma/enums";
import { requirePagePermission } from "@/lib/permissions";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { approveRequestAction, rejectRequestAction } from "./actions";

const t = approvalsText.ui;

export const metadata = { title: t.title };

type RoleRow = { role: Role; level: number | null; columnId: string | null };

function asRoles(value: unknown): RoleRow[] {
  return Array.isArray(value) ? (value as RoleRow[]) : [];
}

function fieldOf(data: unknown, name: string): unknown {
  return data && typeof data === "object" ? (data as Record<string, unknown>)[name] : undefined;
}

/** What the request would do, in words: the account to create, the password to reset, the roles before → after. */
function detail(request: ApprovalRow, columnNames: Map<string, string>): string {
  const named = (rows: RoleRow[]) =>
    rows
      .map((row) => roleLabel({ ...row, columnName: row.columnId ? columnNames.get(row.columnId) : null }))
      .join("、");
  switch (request.kind) {
    case "CREATE_AUDITOR":
      return t.newAuditor(
        String(fieldOf(request.data, "username") ?? ""),
        String(fieldOf(request.data, "displayName") ?? ""),
      );
    case "RESET_PASSWORD":
      return t.resetPassword;
    case "RESET_TOTP":
      return t.resetTotp;
    case "GRANT_ROLES":
      return t.rolesChange(
        named(asRoles(fieldOf(request.data, "before"))),
        named(asRoles(fieldOf(request.data, "after"))),
      );
  }
}

function subjectOf(request: ApprovalRow): string {
  if (request.targetUser) return `${request.targetUser.displayName}（${request.targetUser.username}）`;
  return String(fieldOf(request.data, "username") ?? "");
}

/**
 * 待批准事项: every administrator sees the pending requests (who asked what, when); only the one who
 * may decide a request (the other administrator role, not the requester, not its subject) gets its
 * 批准 / 驳回 buttons — and the server checks again when they are pressed.
 */
export default async function ApprovalsPage() {
  const me = await requirePagePermission("approval.list");
  const timeZone = await displayTimeZone();
  const [pending, recent] = await Promise.all([pendingRequests(db), recentDecisions(db)]);
  const columnIds = [...pending, ...recent].flatMap((request) =>
    [...asRoles(fieldOf(request.data, "before")), ...asRoles(fieldOf(request.data, "after"))].flatMap((row) =>
      row.columnId ? [row.columnId] : [],
    ),
  );
  const columns = columnIds.length
    ? await db.column.findMany({ where: { id: { in: [...new Set(columnIds)] } }, select: { id: true, name: true } })
    : [];
  const columnNames = new Map(columns.map((column) => [column.id, column.name]));

  return (
    <div className="space-y-8">
      <PageHeader title={t.title} intro={t.intro} />

      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          {t.pending}
        </h2>
        {pending.length === 0 ? (
          <EmptyState message={t.emptyPending} />
        ) : (
          <ListTable
            testId="pending-approvals"
            columns={[
              { label: t.columns.kind },
              { label: t.columns.subject },
              { label: t.columns.detail },
              { label: t.columns.requester },
              { label: t.columns.at },
              { label: t.columns.actions, hidden: true },
            ]}
          >
            {pending.map((request) => (
              <tr key={request.id} className="align-top">
                <td className="px-4 py-3 font-medium">{approvalsText.kindLabels[request.kind]}</td>
                <td className="px-4 py-3">{subjectOf(request)}</td>
                <td className="px-4 py-3 text-slate-700">{detail(request, columnNames)}</td>
                <td className="px-4 py-3">{request.requestedBy.displayName}</td>
                <td className="whitespace-nowrap px-4 py-3">{formatDateTime(request.createdAt, timeZone)}</td>
                <td className="px-4 py-3">
                  {mayDecide(me, request) ? (
                    <div className="flex flex-wrap justify-end gap-2">
                      <UserActionButton
                        action={approveRequestAction}
                        userId={request.id}
                        fieldName="requestId"
                        username={subjectOf(request)}
                        passwordTitle={t.passwordDialogTitle}
                        text={t.approve}
                      />
                      <UserActionButton
                        action={rejectRequestAction}
                        userId={request.id}
                        fieldName="requestId"
                        username={subjectOf(request)}
                        text={t.reject}
                        tone="danger"
                      />
                    </div>
                  ) : (
                    <span className="text-sm text-slate-500">
                      {t.waitingFor(approvalsText.approverLabels[request.kind])}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </ListTable>
        )}
      </section>

      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          {t.recent}
        </h2>
        {recent.length === 0 ? (
          <EmptyState message={t.emptyRecent} />
        ) : (
          <ListTable
            columns={[
              { label: t.columns.kind },
              { label: t.columns.subject },
              { label: t.columns.detail },
              { label: t.columns.requester },
              { label: t.columns.status },
            ]}
          >
            {recent.map((request) => (
              <tr key={request.id} className="align-top">
                <td className="px-4 py-3 font-medium">{approvalsText.kindLabels[request.kind]}</td>
                <td className="px-4 py-3">{subjectOf(request)}</td>
                <td className="px-4 py-3 text-slate-700">{detail(request, columnNames)}</td>
                <td className="px-4 py-3">{request.requestedBy.displayName}</td>
                <td className="px-4 py-3">
                  <div>{approvalsText.statusLabels[request.status]}</div>
                  {request.decidedBy && request.decidedAt && (
                    <div className="text-xs text-slate-500">
                      {t.decidedBy(request.decidedBy.displayName, formatDateTime(request.decidedAt, timeZone))}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </ListTable>
        )}
      </section>
    </div>
  );
}
