import type { Action } from "@/lib/permissions";

export interface NavItem {
  label: string;
  href: string;
  /** Shown only to users who may do this (a convenience: every page checks again on the server). */
  action: Action;
  /**
   * Whether the page exists yet. tests/unit/permissions-nav.test.ts compares this flag with
   * app/admin/(staff)/…/page.tsx, so a page that lands without its link (or the reverse) fails.
   */
  available: boolean;
  /** Also mark the item current on pages below it (not for the dashboard, which is everyone's root). */
  matchChildren: boolean;
}

export const ADMIN_NAV: readonly NavItem[] = [
  { label: "仪表盘", href: "/admin", action: "dashboard.view", available: true, matchChildren: false },
  { label: "稿件", href: "/admin/articles", action: "article.list", available: true, matchChildren: true },
  { label: "待我审核", href: "/admin/review", action: "review.queue", available: true, matchChildren: true },
  { label: "历史稿件导入", href: "/admin/import", action: "import.view", available: true, matchChildren: true },
  { label: "媒体库", href: "/admin/media", action: "media.list", available: true, matchChildren: true },
  { label: "栏目", href: "/admin/columns", action: "column.manage", available: true, matchChildren: true },
  { label: "首页推荐", href: "/admin/home", action: "homeSlots.manage", available: true, matchChildren: true },
  { label: "站点设置", href: "/admin/settings", action: "settings.manage", available: true, matchChildren: true },
  { label: "错敏词", href: "/admin/terms", action: "terms.manage", available: true, matchChildren: true },
  { label: "已发布复查", href: "/admin/terms/sweep", action: "terms.sweep.view", available: true, matchChildren: true },
  { label: "网站体检", href: "/admin/inspection", action: "inspection.view", available: true, matchChildren: true },
  { label: "账户管理", href: "/admin/users", action: "user.list", available: true, matchChildren: true },
  { label: "待批准", href: "/admin/approvals", action: "approval.list", available: true, matchChildren: true },
  { label: "审计日志", href: "/admin/audit", action: "audit.read", available: true, matchChildren: true },
  { label: "我的账户", href: "/admin/account", action: "account.view", available: true, matchChildren: true },
];
