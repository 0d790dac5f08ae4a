import type { Role } from "@/lib/generated/prisma/enums";
import { usersText } from "@/lib/users/messages";

export interface RoleLike {
  role: Role;
  level: number | null;
  columnId: string | null;
  /** The scoped column's name when the caller has it. */
  columnName?: string | null;
}

/** 系统管理员 · 编辑 · 审核（终审）· 审核（初审 · 先锋） */
export function roleLabel(role: RoleLike): string {
  const name = usersText.roleLabels[role.role];
  if (role.role !== "REVIEWER") return name;
  const level = role.level ? usersText.levelLabels[role.level] : "";
  const scope = role.columnId ? (role.columnName ?? "指定栏目") : "";
  return `${name}（${[level, scope].filter(Boolean).join(" · ")}）`;
}
