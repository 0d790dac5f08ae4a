import type { ArticleStatus } from "@/lib/generated/prisma/enums";
import type { CombinedEvent, WorkflowEvent } from "./table";

/**
 * UI text of the review workflow (zh-CN). Kept beside the domain while lib/i18n/zh-CN.ts is shared
 * by parallel work; move into it as `zhCN.workflow` when that settles.
 */
export const workflowText = {
  statusLabels: {
    DRAFT: "草稿",
    IN_REVIEW: "审核中",
    APPROVED: "已通过待发布",
    SCHEDULED: "定时发布",
    PUBLISHED: "已发布",
    WITHDRAWN: "已撤稿",
  } satisfies Record<ArticleStatus, string>,
  levelLabels: { 1: "初审", 2: "复审", 3: "终审" } as Record<number, string>,
  eventLabels: {
    submit: "提交审核",
    approve: "通过",
    return: "退回",
    recall: "撤回提交",
    publish: "发布",
    schedule: "定时发布",
    unschedule: "取消定时发布",
    withdraw: "撤稿",
    scheduleWithdraw: "定时撤稿",
    unscheduleWithdraw: "取消定时撤稿",
  } satisfies Record<WorkflowEvent, string>,
  combinedLabels: {
    approveAndPublish: "通过并发布",
    approveAndSchedule: "通过并定时发布",
  } satisfies Record<CombinedEvent, string>,

  validation: {
    invalidRequest: "请求无效，请刷新页面后重试",
    commentRequired: "退回时请填写退回意见",
    commentTooLong: "意见不能超过 2000 个字符",
    reasonRequired: "撤稿时请填写撤稿原因",
    reasonTooLong: "撤稿原因不能超过 500 个字符",
    publishAtRequired: "请选择定时发布的时间",
    publishAtInPast: "定时发布的时间须晚于当前时间",
    publishAtTooFar: "定时发布的时间不能超过一年以后",
    withdrawAtRequired: "请选择定时撤稿的时间",
    withdrawAtInPast: "定时撤稿的时间须晚于当前时间",
    withdrawAtTooFar: "定时撤稿的时间不能超过一年以后",
    quoteTooLong: "引用的段落不能超过 500 个字符",
    commentBodyRequired: "请填写批注内容",
  },

  errors: {
    notFound: "该稿件不存在或已被删除",
    stale: "该稿件刚刚已被其他人处理或修改，您看到的不是最新状态。请刷新页面后再操作。",
    wrongState: (status: ArticleStatus, event: WorkflowEvent) =>
      `稿件当前为「${workflowText.statusLabels[status]}」状态，不能执行「${workflowText.eventLabels[event]}」。请刷新页面查看最新状态。`,
    photosWithoutAlt:
      "还有图片没有填写替代文字\uff08正文图片在图片下方填写\uff0c封面在媒体库中编辑\uff09\uff0c补全并保存后再提交审核",
    noRevision: "稿件还没有保存过内容，不能提交审核",
    ownArticle: "不能审核自己撰写的稿件",
    twoLevels: "您已在本轮审核的其他级别审核过该稿件，同一稿件的同一轮提交不能由一人审核两级",
    contentChanged: "稿件内容在提交审核后发生了变化，此前的审核意见已作废，需由编辑重新提交审核",
    approvalsIncomplete: "该稿件尚未通过全部审核级别，或审核通过的内容与当前版本不一致，不能发布",
    notLastLevel: "本级不是该稿件的最后一级审核，不能通过并发布；请使用「通过」",
    recallAfterDecision: "已有审核人处理过本次提交，不能再撤回",
    notLive: "该稿件当前未在网站上发布，无需撤稿",
    noWithdrawalScheduled: "该稿件没有待执行的定时撤稿",
    noSubmission: "没有找到该稿件的送审记录，请由编辑重新提交审核",
    forbidden: "您没有执行此操作的权限",
    blockedByChecks: (hits: readonly string[]) =>
      `稿件中有 ${hits.length} 处禁用表述，修改后才能提交审核：${hits.join("、")}`,
  },

  notifications: {
    assigned: (title: string, level: number) =>
      `待您${workflowText.levelLabels[level] ?? `第 ${level} 级审核`}:${title}`,
    approved: (title: string) => `已通过全部审核，待发布：${title}`,
    returned: (title: string) => `稿件被退回：${title}`,
    published: (title: string) => `稿件已发布：${title}`,
    scheduled: (title: string, at: string) => `稿件将于 ${at} 定时发布：${title}`,
    withdrawn: (title: string) => `稿件已撤稿：${title}`,
    withdrawalScheduled: (title: string, at: string) => `稿件将于 ${at} 定时撤稿：${title}`,
    jobFailed: (title: string) => `定时发布失败：${title}`,
    withdrawalJobFailed: (title: string) => `定时撤稿失败：${title}`,
  },

  jobErrors: {
    articleChanged: "稿件已不再处于定时发布状态，任务取消",
  },
} as const;

/** Labels of the review screens, the queue, the timeline and the inbox. */
export const workflowUi = {
  queue: {
    title: "待我审核",
    intro:
      "您当前可以处理的稿件：在您的审核级别和栏目范围内、不是您本人撰写、本轮尚未由您审核过。终审还可看到待发布和定时发布的稿件。",
    empty: "暂时没有等待您处理的稿件。",
    columns: { title: "标题", column: "栏目", stage: "环节", author: "作者", waiting: "已等待" },
    waitingFor: (ms: number) => {
      const minutes = Math.max(0, Math.floor(ms / 60_000));
      if (minutes < 60) return `${minutes} 分钟`;
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return `${hours} 小时`;
      return `${Math.floor(hours / 24)} 天`;
    },
    stage: (status: ArticleStatus, level: number | null) =>
      status === "IN_REVIEW" && level !== null
        ? (workflowText.levelLabels[level] ?? `第 ${level} 级`)
        : workflowText.statusLabels[status],
  },
  review: {
    back: "返回待审列表",
    preview: "发布效果预览",
    previewFrame: "稿件按公众页面样式显示的预览",
    checks: "内容检查",
    checksClean: "未发现错敏词或不规范表述。",
    checksBlocking: "含禁用表述，不能发布前须退回修改",
    comments: "批注与意见",
    noComments: "还没有批注。",
    diff: "与已发布版本的差异",
    diffNone: "这是该稿件的首次发布，没有可比较的已发布版本。",
    diffPublished: (revision: number) => `已发布版本（第 ${revision} 版）`,
    diffCurrent: (revision: number) => `送审版本（第 ${revision} 版）`,
    meta: (column: string, author: string, revision: number) => `栏目：${column} · 作者：${author} · 第 ${revision} 版`,
    approvals: "本轮审核",
    submittedAt: "提交时间",
    hash: "内容指纹",
    status: "状态",
    withdrawnBecause: "撤稿原因",
    scheduledAt: "定时发布时间",
    withdrawalAt: "定时撤稿时间",
  },
  actions: {
    approve: "通过",
    return: "退回",
    publish: "发布",
    schedule: "定时发布",
    unschedule: "取消定时发布",
    withdraw: "撤稿",
    scheduleWithdraw: "定时撤稿",
    unscheduleWithdraw: "取消定时撤稿",
    submit: "提交审核",
    recall: "撤回提交",
    cancel: "取消",
    working: "处理中…",
    comment: "意见",
    commentOptional: "意见（可选）",
    commentRequired: "退回意见（必填）",
    reason: "撤稿原因（必填）",
    /** `zone`: lib/format/date.ts timeZoneLabel of the site's time zone. */
    publishAt: (zone: string) => `发布时间（${zone}）`,
    withdrawAt: (zone: string) => `撤稿时间（${zone}）`,
    approveAndPublish: "通过并发布",
    approveAndSchedule: "通过并定时发布",
    confirm: {
      approveAndPublish:
        "确认通过终审并立即发布？通过的是当前版本的内容，稿件将马上出现在网站上。审计日志中记为「审核通过」和「发布」两条。",
      approveAndSchedule:
        "确认通过终审，并在设定时间自动发布当前版本？审计日志中记为「审核通过」和「设置定时发布」两条。",
      approve: "确认通过本级审核？通过的是当前版本的内容，之后如有修改须重新送审。",
      return: "确认将稿件退回编辑修改？",
      publish: "确认立即发布？稿件将马上出现在网站上。",
      schedule: "到设定时间后，系统将自动发布这一已审核通过的版本。",
      unschedule: "取消定时发布后，稿件回到「已通过待发布」状态。",
      withdraw: "撤稿后，公众访问该稿件将看到「此文章已撤回」。",
      scheduleWithdraw: "到设定时间后，系统将自动撤下该稿件，公众访问将看到「此文章已撤回」。",
      unscheduleWithdraw: "取消后，稿件将继续在网站上发布。",
      submit: "提交后将进入初审，审核期间不能修改稿件。",
      recall: "撤回后稿件回到草稿状态，可以继续修改。",
    },
    done: {
      approveAndPublish: "已通过终审并发布",
      approveAndSchedule: "已通过终审并设置定时发布",
      approve: "已通过本级审核",
      return: "已退回编辑",
      publish: "已发布",
      schedule: "已设置定时发布",
      unschedule: "已取消定时发布",
      withdraw: "已撤稿",
      scheduleWithdraw: "已设置定时撤稿",
      unscheduleWithdraw: "已取消定时撤稿",
      submit: "已提交审核",
      recall: "已撤回提交",
    } as Record<WorkflowEvent | CombinedEvent, string>,
  },
  comment: {
    title: "添加批注",
    quote: "引用原文（可选）",
    body: "批注内容",
    submit: "添加批注",
    added: "已添加批注",
    onRevision: (number: number) => `第 ${number} 版`,
  },
  notes: {
    title: "审核意见",
    returned: (level: string, reviewer: string, at: string, revision: number) =>
      `${level} ${reviewer} 于 ${at} 退回（第 ${revision} 版）`,
    comments: "批注",
    comment: (author: string, at: string, revision: number) => `${author} · ${at} · 第 ${revision} 版`,
    quoteMarked: "引用的原文已在正文中以蓝色底纹标出（文字改动后不再标出）。",
    quoteTitle: (note: string) => `审核意见：${note}`,
  },
  timeline: {
    title: "稿件时间线",
    empty: "暂无记录。",
    labels: {
      revision: "保存新版本",
      submit: "提交审核",
      approve: "审核通过",
      return: "退回修改",
      recall: "撤回提交",
      comment: "批注",
      publish: "发布",
      schedule: "设置定时发布",
      unschedule: "取消定时发布",
      withdraw: "撤稿",
      scheduleWithdraw: "设置定时撤稿",
      unscheduleWithdraw: "取消定时撤稿",
      job: "定时任务",
    },
    /** The time a 定时发布 / 定时撤稿 was set for, in the site's zone. */
    scheduledFor: (at: string) => `定于 ${at}`,
    jobStatus: {
      PENDING: "等待执行",
      RUNNING: "执行中",
      DONE: "已执行",
      FAILED: "失败",
      CANCELLED: "已取消",
    } as Record<string, string>,
    system: "系统",
  },
  notifications: {
    title: "通知",
    intro: "与您有关的审核、退回、发布和定时任务消息。",
    empty: "没有通知。",
    unread: "未读",
    markAllRead: "全部标为已读",
    markedRead: "已全部标为已读",
    open: "查看",
    headerLink: (count: number) => (count > 0 ? `通知（${count} 条未读）` : "通知"),
    more: "更早的通知",
  },
} as const;
