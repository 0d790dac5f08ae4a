import { checksText } from "@/lib/checks/messages";
import type { HitLevel } from "@/lib/checks/types";

export function LevelBadge({ level }: { level: HitLevel }) {
  const style =
    level === "BLOCK" ? "bg-red-50 text-red-700 ring-red-600/20" : "bg-amber-50 text-amber-800 ring-amber-600/20";
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${style}`}>
      {checksText.levelLabels[level]}
    </span>
  );
}
