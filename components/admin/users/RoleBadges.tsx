import { shellText } from "@/components/admin/messages";
import { roleLabel, type RoleLike } from "./role-label";

const TONES: Record<RoleLike["role"], string> = {
  ADMIN: "bg-brand-50 text-brand-700 ring-brand-600/20",
  SECURITY_ADMIN: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  EDITOR: "bg-sky-50 text-sky-800 ring-sky-600/20",
  REVIEWER: "bg-amber-50 text-amber-800 ring-amber-600/20",
  AUDITOR: "bg-violet-50 text-violet-800 ring-violet-600/20",
};

export function RoleBadges({ roles }: { roles: readonly RoleLike[] }) {
  if (roles.length === 0) return <span className="text-sm text-slate-500">{shellText.noRoles}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {roles.map((role) => (
        <li
          key={`${role.role}-${role.level ?? ""}-${role.columnId ?? ""}`}
          className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[role.role]}`}
        >
          {roleLabel(role)}
        </li>
      ))}
    </ul>
  );
}
