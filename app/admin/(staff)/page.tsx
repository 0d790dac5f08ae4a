import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { Charts } from "@/components/admin/dashboard/Charts";
import { WorkLists } from "@/components/admin/dashboard/WorkLists";
import { DASHBOARD_TASKS } from "@/components/admin/dashboard-tasks";
import { shellText } from "@/components/admin/messages";
import { ADMIN_NAV } from "@/components/admin/nav";
import { PendingEffects } from "@/components/admin/PendingEffects";
import { RoleBadges } from "@/components/admin/users/RoleBadges";
import {
  myDrafts,
  myReviewQueue,
  publicationsPerMonth,
  recentlyPublished,
  reviewTurnaround,
  scheduledJobs,
  topArticles,
} from "@/lib/dashboard/queries";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { displayTimeZone } from "@/lib/settings/display-time-zone";
import { can, isAction, requirePagePermission } from "@/lib/permissions";
import { pendingEffects } from "@/lib/public/publish/outbox";
import { accountsOverview, columnNames, previousLogin } from "@/lib/users/queries";

const t = shellText.dashboard;

export const metadata = { title: "仪表盘" };

const availablePages = new Set(ADMIN_NAV.filter((item) => item.available).map((item) => item.href));

function deniedMessage(denied: string | string[] | undefined): string | null {
  if (typeof denied !== "string") return null;
  const item = isAction(denied) ? ADMIN_NAV.find((candidate) => candidate.action === denied) : undefined;
  return item ? t.denied(item.label) : t.deniedGeneric;
}

/** Everyone's landing page: who you are here, and what you can do next. */
export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission("dashboard.view");
  const timeZone = await displayTimeZone();
  const { denied } = await searchParams;
  const scopedColumns = user.roles.flatMap((role) => (role.columnId ? [role.columnId] : []));
  const [names, lastLogin, overview] = await Promise.all([
    columnNames(db, scopedColumns),
    previousLogin(db, user.id),
    can(user, "user.list") ? accountsOverview(db) : Promise.resolve(null),
  ]);
  // Each role sees what concerns it: editors their drafts, reviewers their queue and the jobs,
  // content staff and admins the figures; auditors only their tasks （三员分立）.
  const now = new Date();
  const contentStaff = can(user, "article.list") || can(user, "column.manage");
  const [drafts, queue, recent, jobs, monthly, turnaround, top7, top30, effects] = await Promise.all([
    can(user, "article.create") ? myDrafts(db, user.id) : undefined,
    can(user, "review.queue") ? myReviewQueue(db, user) : undefined,
    contentStaff ? recentlyPublished(db) : undefined,
    can(user, "review.queue") || can(user, "homeSlots.manage") ? scheduledJobs(db, now) : undefined,
    contentStaff ? publicationsPerMonth(db, now) : undefined,
    contentStaff ? reviewTurnaround(db, now) : undefined,
    contentStaff ? topArticles(db, 7, now) : undefined,
    contentStaff ? topArticles(db, 30, now) : undefined,
    can(user, "review.queue") || contentStaff ? pendingEffects(db) : undefined,
  ]);
  const articleHref = availablePages.has("/admin/articles") ? (id: string) => `/admin/articles/${id}` : null;
  const reviewHref = availablePages.has("/admin/review") ? (id: string) => `/admin/review/${id}` : null;
  const tasks = DASHBOARD_TASKS.filter((task) => can(user, task.action));
  const notice = deniedMessage(denied);

  return (
    <div className="max-w-5xl space-y-8">
      {notice && (
        <p role="alert" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/30">
          {notice}
        </p>
      )}

      {effects && <PendingEffects total={effects.total} items={effects.items} timeZone={timeZone} />}

      <header className="space-y-3">
        <h1 className="text-2xl font-semibold">{t.welcome(user.displayName)}</h1>
        <p className="text-sm text-slate-600">
          {lastLogin ? `${t.lastLogin}：${formatDateTime(lastLogin, timeZone)}` : t.firstLogin}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600">{t.yourRoles}：</span>
          <RoleBadges
            roles={user.roles.map((role) => ({ ...role, columnName: role.columnId ? names.get(role.columnId) : null }))}
          />
        </div>
      </header>

      {user.roles.length === 0 && (
        <p className="rounded-md bg-white p-4 text-sm text-slate-700 ring-1 ring-slate-200">{t.noRolesHelp}</p>
      )}

      {overview && (
        <section aria-labelledby="accounts-heading">
          <h2 id="accounts-heading" className="mb-3 text-lg font-semibold">
            {t.accounts}
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {[
              [t.activeAccounts, overview.active, "/admin/users?status=ACTIVE"],
              [t.lockedAccounts, overview.locked, "/admin/users?status=LOCKED"],
              [t.disabledAccounts, overview.disabled, "/admin/users?status=DISABLED"],
              [t.mustChange, overview.mustChange, null],
            ].map(([label, value, href]) => (
              <div key={String(label)} className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums">
                  {href ? (
                    <Link href={String(href)} className="hover:text-brand-700">
                      {value}
                    </Link>
                  ) : (
                    value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {(drafts || queue || recent || jobs) && (
        <WorkLists
          now={now}
          timeZone={timeZone}
          articleHref={articleHref}
          reviewHref={reviewHref}
          drafts={drafts}
          queue={queue}
          recent={recent}
          jobs={jobs}
        />
      )}

      {monthly && turnaround && top7 && top30 && (
        <Charts monthly={monthly} turnaround={turnaround} top7={top7} top30={top30} />
      )}

      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading" className="mb-3 text-lg font-semibold">
          {t.nextSteps}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {tasks.map((task) => {
            const linked = task.href && availablePages.has(task.href);
            return (
              <li key={task.action} className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
                <h3 className="font-medium">
                  {linked ? (
                    <Link
                      href={task.href ?? "/admin"}
                      className="inline-flex items-center gap-1 text-brand-700 hover:underline"
                    >
                      {task.title}
                      <ArrowRight aria-hidden className="size-4" />
                    </Link>
                  ) : (
                    <>
                      {task.title}
                      <span className="ml-2 text-xs font-normal text-slate-400">{shellText.comingSoon}</span>
                    </>
                  )}
                </h3>
                <p className="mt-1 text-sm text-slate-600">{task.description}</p>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
