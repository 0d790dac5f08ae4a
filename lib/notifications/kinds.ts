/** The kinds of in-app notification (Notification.kind); the inbox shows a label for each. */
export const NOTIFICATION_KINDS = [
  "review.assigned",
  "review.approved",
  "review.returned",
  "article.published",
  "article.scheduled",
  "article.withdrawn",
  "article.withdrawalScheduled",
  "job.failed",
  "inspection.veto",
  "inspection.summary",
  "terms.sweep",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationKindLabels: Record<NotificationKind, string> = {
  "review.assigned": "待我审核",
  "review.approved": "待发布",
  "review.returned": "被退回",
  "article.published": "已发布",
  "article.scheduled": "定时发布",
  "article.withdrawn": "已撤稿",
  "article.withdrawalScheduled": "定时撤稿",
  "job.failed": "任务失败",
  "inspection.veto": "网站体检：单项否决",
  "inspection.summary": "网站体检报告",
  "terms.sweep": "已发布稿件复查",
};

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}
