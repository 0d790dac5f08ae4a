import Link from "next/link";
import type { ArticleStatus } from "@/lib/generated/prisma/enums";
import { workflowUi } from "@/lib/workflow/messages";
import type { TimelineEntry } from "@/lib/workflow/queries";
import type { CombinedEvent, WorkflowEvent } from "@/lib/workflow/table";
import { Timeline } from "./Timeline";
import { WorkflowPanel } from "./WorkflowPanel";

/** The workflow part of the editor's article page: 提交审核 / 撤回 (and review steps, if the user has them) and the timeline. */
export function ArticleWorkflow({
  articleId,
  lockVersion,
  events,
  combined,
  status,
  timeline,
  timeZone,
}: {
  articleId: string;
  lockVersion: number;
  events: readonly WorkflowEvent[];
  combined: readonly CombinedEvent[];
  status: ArticleStatus;
  timeline: readonly TimelineEntry[];
  timeZone: string;
}) {
  const reviewing = status === "IN_REVIEW" || status === "APPROVED" || status === "SCHEDULED";
  return (
    <div className="space-y-4">
      <WorkflowPanel
        articleId={articleId}
        lockVersion={lockVersion}
        events={events}
        combined={combined}
        timeZone={timeZone}
      />
      {reviewing && (
        <Link href={`/admin/review/${articleId}`} className="text-sm text-brand-700 hover:underline">
          {workflowUi.review.approvals} →
        </Link>
      )}
      <Timeline entries={timeline} timeZone={timeZone} />
    </div>
  );
}
