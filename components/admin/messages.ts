/**
 * UI text of the admin shell and dashboard (zh-CN). Kept here while lib/i18n/zh-CN.ts is shared by
 * parallel work; move into it as `zhCN.admin.shell` when that settles.
 */
export const shellText = {
  siteName: "内容管理系统",
  mainNav: "主导航",
  skipToContent: "跳到正文",
  comingSoon: "即将开放",
  logout: "退出登录",
  rolesLabel: "角色",
  noRoles: "无角色",
  toasts: "通知",
  closeToast: "关闭通知",
  dashboard: {
    welcome: (name: string) => `${name}，您好`,
    lastLogin: "上次登录",
    firstLogin: "这是您第一次登录。",
    yourRoles: "您的角色",
    nextSteps: "您可以",
    denied: (what: string) => `您没有权限访问「${what}」。如需开通，请联系系统管理员。`,
    deniedGeneric: "您没有权限访问该页面。如需开通，请联系系统管理员。",
    accounts: "账户概况",
    activeAccounts: "在用账户",
    disabledAccounts: "已停用",
    lockedAccounts: "已锁定",
    mustChange: "待修改初始密码",
    noRolesHelp: "您的账户尚未分配角色，暂时只能管理自己的账户。请联系系统管理员分配角色。",
  },
  /** Shared by the admin's lists: filter bars and paging. */
  list: {
    apply: "筛选",
    clear: "清除筛选",
    pagination: "分页",
    prev: "上一页",
    next: "下一页",
    pageOf: (page: number, count: number) => `第 ${page} / ${count} 页`,
  },
} as const;
