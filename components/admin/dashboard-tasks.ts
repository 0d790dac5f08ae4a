import type { Action } from "@/lib/permissions";

export interface DashboardTask {
  /** Shown when `can(user, action)` holds (without a resource: "somewhere, at some level"). */
  action: Action;
  title: string;
  description: string;
  /** The page where it happens; a task whose page does not exist yet is listed without a link. */
  href?: string;
}

/** What each role comes to the admin to do, in the order a newcomer would look for it. */
export const DASHBOARD_TASKS: readonly DashboardTask[] = [
  {
    action: "article.create",
    title: "撰写稿件",
    description: "在编辑器中起草文章、插入图片，完成后提交审核；被退回的稿件修改后可再次提交。",
    href: "/admin/articles",
  },
  {
    action: "media.upload",
    title: "管理图片",
    description: "上传照片并填写替代文字和图注，在媒体库中查找和复用。",
    href: "/admin/media",
  },
  {
    action: "review.queue",
    title: "审核稿件",
    description: "在「待我审核」中查看轮到您这一级的稿件，逐篇通过或退回并写明意见。",
    href: "/admin/review",
  },
  {
    action: "homeSlots.manage",
    title: "安排首页",
    description: "选择首页头条和焦点图；已撤回的稿件会自动移出。",
    href: "/admin/home",
  },
  {
    action: "user.create",
    title: "开设账户",
    description: "为工作人员开设、改名或停用账户；新建安全审计员须经安全管理员批准。",
    href: "/admin/users",
  },
  {
    action: "user.grantRoles",
    title: "分配角色",
    description: "为账户分配角色和审核级别，解锁账户或重置密码；授予终审或管理员角色须经系统管理员批准。",
    href: "/admin/users",
  },
  {
    action: "approval.decide",
    title: "待批准事项",
    description: "批准或驳回另一位管理员提出的申请（双人控制）。",
    href: "/admin/approvals",
  },
  {
    action: "column.manage",
    title: "管理栏目",
    description: "调整栏目结构、审核级数和负责的审核员。",
    href: "/admin/columns",
  },
  {
    action: "settings.manage",
    title: "网站设置",
    description: "维护网站名称、主办单位、备案号等页脚信息。",
    href: "/admin/settings",
  },
  {
    action: "terms.manage",
    title: "错敏词库",
    description: "维护敏感词和规范表述，导入或导出词表。",
    href: "/admin/terms",
  },
  {
    action: "audit.read",
    title: "查阅审计日志",
    description: "按时间、操作人和操作类型查阅全部操作记录。",
    href: "/admin/audit",
  },
  {
    action: "audit.verify",
    title: "校验审计日志",
    description: "逐条校验哈希链，确认日志未被篡改。",
    href: "/admin/audit",
  },
  {
    action: "account.changeOwnPassword",
    title: "我的账户",
    description: "修改自己的密码，查看最近的登录记录。",
    href: "/admin/account",
  },
];
