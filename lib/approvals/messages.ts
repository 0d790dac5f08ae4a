import type { ApprovalKind, ApprovalStatus } from "@/lib/generated/prisma/enums";

/** UI text of two-person approvals (zh-CN). */
export const approvalsText = {
  kindLabels: {
    CREATE_AUDITOR: "新建安全审计员账户",
    RESET_PASSWORD: "重置管理员或终审账户密码",
    GRANT_ROLES: "授予终审或管理员角色",
    RESET_TOTP: "重置管理员或终审账户的双因素认证",
  } satisfies Record<ApprovalKind, string>,
  approverLabels: {
    CREATE_AUDITOR: "安全管理员",
    RESET_PASSWORD: "系统管理员",
    GRANT_ROLES: "系统管理员",
    RESET_TOTP: "系统管理员",
  } satisfies Record<ApprovalKind, string>,
  statusLabels: { PENDING: "待批准", APPROVED: "已批准", REJECTED: "已驳回" } satisfies Record<ApprovalStatus, string>,

  toasts: {
    requested: "已提交申请，须由另一位管理员批准后才生效",
    approved: "已批准并执行",
    rejected: "已驳回该申请",
  },

  errors: {
    notFound: "该申请不存在，请刷新页面",
    alreadyDecided: "该申请已经处理过了，请刷新页面",
    pendingExists: "该事项已有一份待批准的申请，请等待另一位管理员处理",
    notYours: "您不能处理这份申请：须由另一种管理员角色批准，且不能是申请人或申请所涉账户本人",
    notRequester: "您的角色不能提出这项申请",
    stale: "申请提交后该账户的角色已有变化，请驳回后重新申请",
    targetGone: "申请所涉的账户已不存在或已停用",
  },

  ui: {
    title: "待批准事项",
    intro:
      "新建安全审计员、重置管理员或终审的密码或双因素认证、授予终审或管理员角色，须由另一种管理员角色批准（双人控制）。申请人不能批准自己的申请；每一步都写入审计日志。",
    pending: "待批准",
    recent: "最近处理",
    emptyPending: "没有待批准的申请。",
    emptyRecent: "还没有处理过的申请。",
    columns: {
      kind: "事项",
      subject: "对象",
      detail: "内容",
      requester: "申请人",
      at: "申请时间",
      status: "状态",
      actions: "操作",
    },
    decidedBy: (name: string, at: string) => `${name} 于 ${at}`,
    waitingFor: (role: string) => `待${role}批准`,
    newAuditor: (username: string, displayName: string) => `${displayName}（${username}）`,
    rolesChange: (before: string, after: string) => `${before || "无角色"} → ${after || "无角色"}`,
    resetPassword: "生成新的初始密码，对方下次登录须修改",
    resetTotp: "清除动态验证码密钥（手机丢失或更换），对方下次登录须重新设置",
    approve: {
      label: "批准",
      title: "批准该申请？",
      body: "批准后立即执行；如生成初始密码，只向您显示这一次。",
      confirm: "批准",
    },
    reject: {
      label: "驳回",
      title: "驳回该申请？",
      body: "驳回后不做任何更改，申请人需要时可重新提交。",
      confirm: "驳回",
    },
    passwordDialogTitle: "已批准：初始密码",
  },
} as const;
