import { authPolicy, PASSWORD_RULES } from "./policy";

/**
 * UI text of login, password change and "my account" (zh-CN). Kept here while lib/i18n/zh-CN.ts is
 * shared by parallel work; move into it as `zhCN.admin.auth` when that settles.
 */
export const authText = {
  login: {
    title: "登录",
    heading: "登录内容管理系统",
    username: "用户名",
    password: "密码",
    submit: "登录",
    submitting: "正在登录…",
    required: "请输入用户名和密码",
  },
  /** By login result code. INVALID never says whether the username exists. */
  loginErrors: {
    INVALID: "用户名或密码错误",
    LOCKED: `账户已锁定，请 ${authPolicy.lockout.lockMinutes} 分钟后再试`,
    RATE_LIMITED: "登录尝试过于频繁，请稍后再试",
    UNKNOWN: "登录失败，请稍后再试",
  },
  changePassword: {
    title: "修改密码",
    forcedHeading: "请先修改密码",
    forcedIntro: `为了账户安全，首次登录、密码被重置后或密码已使用满 ${authPolicy.password.maxAgeDays} 天，须设置一个只有您知道的新密码。`,
    current: "当前密码",
    next: "新密码",
    confirm: "确认新密码",
    rulesHeading: "密码要求",
    rules: PASSWORD_RULES,
    submit: "修改密码",
    submitting: "正在保存…",
    done: "密码已修改",
    currentWrong: "当前密码不正确",
    currentRequired: "请输入当前密码",
    confirmMismatch: "两次输入的新密码不一致",
    sameAsCurrent: "新密码不能与当前密码相同",
    formHasErrors: "请按提示修改后再提交",
  },
  account: {
    title: "我的账户",
    profile: "账户信息",
    username: "用户名",
    displayName: "姓名",
    recentLogins: "最近登录记录",
    time: "时间",
    ip: "IP 地址",
    result: "结果",
    success: "成功",
    failure: "失败",
    noLogins: "暂无登录记录",
  },
  logout: "退出登录",
  unauthenticated: "请先登录",
} as const;

export type LoginErrorCode = keyof typeof authText.loginErrors;

export function loginErrorMessage(code: string | null | undefined): string {
  if (code && Object.hasOwn(authText.loginErrors, code)) return authText.loginErrors[code as LoginErrorCode];
  return authText.loginErrors.UNKNOWN;
}
