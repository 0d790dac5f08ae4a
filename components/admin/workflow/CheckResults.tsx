import type { CheckResult } from "@/lib/checks";
import { workflowUi } from "@/lib/workflow/messages";

const t = workflowUi.review;

/** The content checks' hits on the revision under review, as every reviewer sees them. */
export function CheckResults({ result }: { result: CheckResult }) {
  if (result.hits.length === 0) return <p className="text-sm text-green-800">{t.checksClean}</p>;
  return (
    <div>
      {result.blocking && (
        <p className="mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{t.checksBlocking}</p>
      )}
      <ul className="space-y-2" data-testid="check-hits">
        {result.hits.map((hit, index) => (
          <li key={index} className="text-sm">
            <span
              className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${hit.level === "BLOCK" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900"}`}
            >
              {hit.level === "BLOCK" ? "禁用" : "提示"}
            </span>
            <span className="font-medium">{hit.term}</span>
            {hit.suggestion ? <span className="text-slate-600"> → {hit.suggestion}</span> : null}
            <span className="block text-slate-600">{hit.message}</span>
            <span className="block text-xs text-slate-500">…{hit.excerpt}…</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
