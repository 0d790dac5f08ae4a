import type { TargetName } from "@/lib/audit/targets";

/** An audit target by its name (账户 张三（zhangsan）), with the stored target beneath for filtering. */
export function AuditTarget({ target, name }: { target: string; name?: TargetName }) {
  return (
    <>
      {name && (
        <div data-testid="audit-target-name">
          <span className="text-slate-500">{name.kind}</span>
          {name.name ? ` ${name.name}` : ""}
        </div>
      )}
      <div className="break-all font-mono text-xs text-slate-500">{target}</div>
    </>
  );
}
