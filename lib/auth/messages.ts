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
    code: "动态验证码",
    codeHint: "已启用双因素认证的账户须填写身份验证器中的 6 位数字；未启用的请留空。",
    submit: "登录",
    submitting: "正在登录…",
    required: "请输入用户名和密码",
  },
  /** By login result code. INVALID never says whether the username exists. */
  loginErrors: {
    INVALID: "用户名、密码或动态验证码错误",
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
  twoFactor: {
    title: "双因素认证",
    forcedHeading: "请先设置双因素认证",
    forcedIntro:
      "您的账户拥有管理员或终审权限，按等级保护要求，登录时除密码外还须输入身份验证器生成的动态验证码。请完成设置后再继续。",
    optionalHeading: "启用双因素认证",
    optionalIntro: "启用后，登录时除密码外还须输入身份验证器生成的动态验证码。",
    steps: [
      "在手机上安装支持 TOTP 的身份验证器（如 FreeOTP、Google Authenticator、Microsoft Authenticator）。",
      "用身份验证器扫描下方二维码；无法扫码时，手动输入密钥。",
      "输入身份验证器显示的 6 位动态验证码，完成设置。",
    ],
    qrAlt: "双因素认证二维码",
    secretLabel: "密钥（手动输入时使用）",
    code: "动态验证码",
    submit: "完成设置",
    submitting: "正在验证…",
    enrolled: "双因素认证已启用",
    codeRequired: "请输入 6 位动态验证码",
    codeWrong: "动态验证码不正确或已使用过，请输入身份验证器上的最新验证码",
    alreadyEnrolled: "双因素认证已经启用",
    accountSection: "双因素认证",
    statusOn: "已启用：登录时须输入动态验证码。",
    statusOff: "未启用。",
    required: "您的账户拥有管理员或终审权限，必须使用双因素认证，不能关闭；更换手机时请联系安全管理员重置。",
    enable: "启用双因素认证",
    disable: "关闭双因素认证",
    disableIntro: "关闭前请输入当前的动态验证码。",
    disabling: "正在关闭…",
    disabled: "双因素认证已关闭",
    cannotDisable: "拥有管理员或终审权限的账户必须使用双因素认证，不能关闭",
    notEnabled: "双因素认证未启用",
  },
  logout: "退出登录",
  unauthenticated: "请先登录",
} as const;

export type LoginErrorCode = keyof typeof authText.loginErrors;

export function loginErrorMessage(code: string | null | undefined): string {
  if (code && Object.hasOwn(authText.loginErrors, code)) return authText.loginErrors[code as LoginErrorCode];
  return authText.loginErrors.UNKNOWN;
}
