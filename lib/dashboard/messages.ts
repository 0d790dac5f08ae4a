import type { JobKind, JobStatus } from "@/lib/generated/prisma/enums";

/** UI text of the dashboard's work lists and charts (zh-CN). */
export const dashboardText = {
  myDrafts: "我的草稿",
  noDrafts: "没有草稿。",
  returned: "被退回的稿件",
  noReturned: "没有被退回的稿件。",
  returnedAt: "退回于",
  queue: "待我审核",
  noQueue: "目前没有轮到您审核的稿件。",
  waiting: "已等待",
  recent: "最近发布",
  noRecent: "还没有发布的稿件。",
  jobs: "定时任务",
  noJobs: "没有待执行的定时任务。",
  jobKinds: {
    PUBLISH: "定时发布",
    UNPUBLISH: "定时撤下",
    INSPECTION: "网站体检",
    TERM_SWEEP: "已发布稿件复查",
  } satisfies Record<JobKind, string>,
  jobStatus: {
    PENDING: "等待执行",
    RUNNING: "执行中",
    DONE: "已完成",
    FAILED: "失败",
    CANCELLED: "已取消",
  } satisfies Record<JobStatus, string>,
  untitled: "（无标题）",
  updated: "更新于",
  charts: "统计",
  showData: "查看数据表",
  perMonth: "近 12 个月各栏目发稿量",
  perMonthDesc: (total: number) => `近 12 个月共发布 ${total} 篇，按月份和栏目堆叠显示。`,
  month: "月份",
  total: "合计",
  turnaround: "审核用时",
  perLevel: "各审级等待时间（从到达该级到作出决定）",
  perLevelDesc: "每个审级的等待时间中位数和第 90 百分位数，单位：小时。",
  toPublication: "从提交到发布",
  toPublicationDesc: "按审核级数分组，从提交审核到首次发布的用时中位数和第 90 百分位数，单位：小时。",
  levelNames: { 1: "初审", 2: "复审", 3: "终审" } as Record<number, string>,
  levelsCount: (n: number) => `${n} 级审核`,
  count: "件数",
  median: "中位数",
  p90: "第 90 百分位",
  hours: "小时",
  articlesUnit: "篇",
  unitLabel: (unit: string) => `单位：${unit}`,
  noData: "暂无数据。",
  topViews: "阅读量排行",
  days: (n: number) => `近 ${n} 天`,
  views: "浏览次数",
  rank: "排名",
  title: "标题",
  column: "栏目",
  age: (seconds: number) => {
    const minutes = Math.max(0, Math.floor(seconds / 60));
    if (minutes < 60) return `${minutes} 分钟`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return `${hours} 小时`;
    return `${Math.floor(hours / 24)} 天`;
  },
} as const;
