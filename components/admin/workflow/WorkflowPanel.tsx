import {
  approveAction,
  approveAndPublishAction,
  approveAndScheduleAction,
  publishAction,
  recallAction,
  returnAction,
  scheduleAction,
  scheduleWithdrawAction,
  submitAction,
  unscheduleAction,
  unscheduleWithdrawAction,
  withdrawAction,
} from "@/app/admin/(staff)/review/actions";
import { LockVersionScope } from "@/components/admin/articles/LockVersion";
import { timeZoneLabel, toLocalDateTimeInput } from "@/lib/format/date";
import { workflowUi } from "@/lib/workflow/messages";
import type { CombinedEvent, WorkflowEvent } from "@/lib/workflow/table";
import { WorkflowButton, type WorkflowField } from "./WorkflowButton";

const a = workflowUi.actions;

const BUTTONS: Record<
  WorkflowEvent,
  { action: typeof approveAction; field?: WorkflowField; tone: "primary" | "danger" | "neutral" }
> = {
  submit: { action: submitAction, tone: "primary" },
  recall: { action: recallAction, tone: "neutral" },
  approve: { action: approveAction, field: "commentOptional", tone: "primary" },
  return: { action: returnAction, field: "comment", tone: "neutral" },
  publish: { action: publishAction, tone: "primary" },
  schedule: { action: scheduleAction, field: "publishAt", tone: "neutral" },
  unschedule: { action: unscheduleAction, tone: "neutral" },
  withdraw: { action: withdrawAction, field: "reason", tone: "danger" },
  scheduleWithdraw: { action: scheduleWithdrawAction, field: "withdrawal", tone: "neutral" },
  unscheduleWithdraw: { action: unscheduleWithdrawAction, tone: "neutral" },
};

const COMBINED_BUTTONS: Record<CombinedEvent, { action: typeof approveAction; field: WorkflowField }> = {
  approveAndPublish: { action: approveAndPublishAction, field: "commentOptional" },
  approveAndSchedule: { action: approveAndScheduleAction, field: "approveAndSchedule" },
};

/**
 * The workflow buttons the user may use on this article now (as lib/workflow's table answers), each
 * behind its confirmation dialog. The server checks everything again when a button is used.
 */
export function WorkflowPanel({
  articleId,
  lockVersion,
  events,
  combined = [],
  timeZone,
}: {
  articleId: string;
  lockVersion: number;
  events: readonly WorkflowEvent[];
  /** 通过并发布 / 通过并定时发布, offered first where the user's approval completes the review. */
  combined?: readonly CombinedEvent[];
  timeZone: string;
}) {
  if (events.length === 0) return null;
  const minLocal = toLocalDateTimeInput(new Date(), timeZone);
  const zoneLabel = timeZoneLabel(timeZone);
  return (
    <LockVersionScope initial={lockVersion}>
      <div className="flex flex-wrap gap-3" data-testid="workflow-actions">
        {combined.map((name) => (
          <WorkflowButton
            key={name}
            action={COMBINED_BUTTONS[name].action}
            articleId={articleId}
            lockVersion={lockVersion}
            label={a[name]}
            confirm={a.confirm[name]}
            field={COMBINED_BUTTONS[name].field}
            tone="primary"
            minLocal={minLocal}
            zoneLabel={zoneLabel}
          />
        ))}
        {events.map((event) => {
          const button = BUTTONS[event];
          return (
            <WorkflowButton
              key={event}
              action={button.action}
              articleId={articleId}
              lockVersion={lockVersion}
              label={a[event]}
              confirm={a.confirm[event]}
              field={button.field}
              tone={button.tone}
              minLocal={event === "schedule" || event === "scheduleWithdraw" ? minLocal : undefined}
              zoneLabel={zoneLabel}
            />
          );
        })}
      </div>
    </LockVersionScope>
  );
}
