/**
 * Two strings only: the site's default name (until 站点设置 gives it one, lib/settings/queries.ts) and the
 * admin's page title (app/admin/layout.tsx). Every other UI string lives beside its domain, one file an
 * area: lib/<domain>/messages.ts, lib/public/render/messages.ts, components/admin/messages.ts.
 */
export const zhCN = {
  site: {
    defaultName: "市经济信息化委党建网",
  },
  admin: {
    title: "内容管理系统",
  },
} as const;
