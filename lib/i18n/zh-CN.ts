/** Every user-facing string of the UI, by area, so another language can be added beside this file. */
export const zhCN = {
  site: {
    defaultName: "市经济信息化委党建网",
    home: "首页",
    latest: "最新发布",
    empty: "暂无已发布的文章。",
    published: "发布日期",
    source: "来源",
    skipToContent: "跳到正文",
  },
  admin: {
    title: "内容管理系统",
    login: {
      heading: "登录内容管理系统",
      username: "用户名",
      password: "密码",
      submit: "登录",
    },
  },
  health: {
    up: "正常",
    down: "数据库不可用",
  },
} as const;
