import { usersText } from "@/lib/users/messages";

/** 正常 / 已停用 / 已锁定, by colour and by word (never colour alone). */
export function StatusBadge({ status, locked }: { status: "ACTIVE" | "DISABLED"; locked: boolean }) {
  const [label, tone] =
    status === "DISABLED"
      ? [usersText.statusLabels.DISABLED, "bg-slate-100 text-slate-700 ring-slate-400/30"]
      : locked
        ? [usersText.locked, "bg-amber-50 text-amber-800 ring-amber-600/30"]
        : [usersText.statusLabels.ACTIVE, "bg-green-50 text-green-800 ring-green-600/20"];
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}
    >
      {label}
    </span>
  );
}
