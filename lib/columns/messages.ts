import type { ColumnListStyle, ColumnUpdateCategory } from "@/lib/generated/prisma/enums";

/** UI text of 栏目管理 (zh-CN); move into lib/i18n/zh-CN.ts as `zhCN.columns` when that settles. */
export const columnsText = {
  listStyleLabels: { NEWS_LIST: "新闻列表", PROFILE_GRID: "人物卡片（先锋类）" } satisfies Record<
    ColumnListStyle,
    string
  >,
  updateCategoryLabels: {
    NEWS: "动态要闻类（2 周内更新）",
    NOTICE: "通知公告、政策文件类（6 个月内更新）",
    PLANNING: "人事、规划计划类（1 年内更新）",
    EXEMPT: "不考核",
  } satisfies Record<ColumnUpdateCategory, string>,
  levelLabels: { 1: "一级审核（初审即终审）", 2: "两级审核", 3: "三级审核（初审、复审、终审）" } as Record<
    number,
    string
  >,

  validation: {
    nameRequired: "请填写栏目名称",
    nameTooLong: "栏目名称不能超过 50 个字符",
    slugInvalid: "路径只能包含小写字母、数字和连字符（-），不能以连字符开头或结尾，最长 64 个字符",
    slugReserved: (slug: string) => `「${slug}」是系统保留的路径，请换一个`,
    slugTaken: "该路径已被其他栏目使用",
    slugRedirecting: (name: string) => `该路径曾属于栏目「${name}」，旧链接仍跳转到那里，不能再用`,
    descriptionTooLong: "栏目简介不能超过 500 个字符",
    seriesMarkTooLong: "系列标识不能超过 20 个字符",
    seriesMarkFormat: "系列标识须用【】括起，例如【先锋】",
    reviewLevels: "审核级数须为 1、2 或 3",
    listStyle: "请选择列表样式",
    updateCategory: "请选择更新要求",
    invalidRequest: "请求无效，请刷新页面后重试",
    targetRequired: "请选择要移入的栏目",
  },

  errors: {
    notFound: "该栏目不存在，可能已被删除",
    parentMissing: "所选上级栏目不存在",
    cycle: "不能把栏目移到它自己或它的下级栏目之下",
    hasArticles: (count: number) => `该栏目还有 ${count} 篇稿件，不能删除。可以先把稿件移到其他栏目，或者隐藏该栏目。`,
    hasChildren: (count: number) => `该栏目还有 ${count} 个下级栏目，请先移走或删除下级栏目`,
    hasReviewers: (count: number) => `还有 ${count} 个审核岗位只负责该栏目，请先在账户管理中调整审核范围`,
    sameTarget: "目标栏目不能是原栏目",
    articlesBusy: (count: number) => `有 ${count} 篇稿件正在审核或等待发布，请在审核结束后再移动`,
    edge: "已经在最前或最后，无法再移动",
  },

  toasts: {
    created: "栏目已创建",
    updated: "栏目已保存",
    moved: "顺序已调整",
    deleted: "栏目已删除",
    articlesMoved: (count: number) => `已移动 ${count} 篇稿件`,
  },

  ui: {
    title: "栏目管理",
    intro:
      "栏目决定文章在网站上的位置、审核级数和负责的审核员。有稿件的栏目不能删除，只能隐藏。所有修改都会写入审计日志。",
    newColumn: "新建栏目",
    editColumn: "编辑栏目",
    empty: "还没有栏目。",
    name: "栏目名称",
    slug: "路径",
    slugHelp: "网址中的栏目名，如 xianfeng 对应 /columns/xianfeng/。修改后旧网址会永久跳转（301）到新网址。",
    parent: "上级栏目",
    noParent: "（无，作为一级栏目）",
    description: "栏目简介",
    seriesMark: "默认系列标识",
    seriesMarkHelp: "新稿件标题前的标识，例如【先锋】；可留空。",
    reviewLevels: "审核级数",
    listStyle: "列表样式",
    updateCategory: "更新要求",
    updateCategoryDefault: "按列表样式（新闻列表为动态要闻类，人物卡片为通知公告类）",
    updateCategoryHelp:
      "网站体检按《政府网站与政务新媒体检查指标》检查栏目是否按时更新：超过期限没有新稿件的栏目会被扣分。",
    hidden: "在网站上隐藏该栏目",
    hiddenBadge: "已隐藏",
    save: "保存",
    create: "创建栏目",
    saving: "正在保存…",
    moveUp: (name: string) => `上移「${name}」`,
    moveDown: (name: string) => `下移「${name}」`,
    edit: "编辑",
    articles: (count: number) => `${count} 篇稿件`,
    reviewers: "负责本栏目的审核员",
    reviewersHelp: "只列出审核范围限定在本栏目的审核员；负责全部栏目的审核员也可审核本栏目。在账户管理中调整。",
    noScopedReviewers: "没有限定在本栏目的审核员。",
    manageAccounts: "前往账户管理",
    oldSlugs: "仍在跳转的旧路径",
    dangerZone: "删除栏目",
    deleteHelp: "只有没有稿件、没有下级栏目的栏目才能删除。",
    delete: "删除栏目",
    moveArticles: "把稿件移到其他栏目",
    moveArticlesTarget: "目标栏目",
    moveArticlesSubmit: "移动全部稿件",
    back: "返回栏目列表",
    levels: (n: number) => `${n} 级审核`,
  },
} as const;
