import { diffChars } from "diff";
import { workflowUi } from "@/lib/workflow/messages";

const t = workflowUi.review;

/** What changed in the text since the published revision: insertions and deletions, character by character (Chinese has no spaces to split words on). */
export function DiffView({ published, current }: { published: { title: string; plainText: string } | null; current: { title: string; plainText: string } }) {
  if (!published) return <p className="text-sm text-slate-500">{t.diffNone}</p>;
  const before = `${published.title}\n\n${published.plainText}`;
  const after = `${current.title}\n\n${current.plainText}`;
  if (before === after) return <p className="text-sm text-slate-500">{t.diffSame}</p>;
  const parts = diffChars(before, after);
  return (
    <div>
      <p className="text-xs text-slate-500">{t.diffLegend}</p>
      <div className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm leading-7" data-testid="diff">
        {parts.map((part, index) =>
          part.added ? (
            <ins key={index} className="bg-green-100 text-green-900 no-underline">
              {part.value}
            </ins>
          ) : part.removed ? (
            <del key={index} className="bg-red-100 text-red-900">
              {part.value}
            </del>
          ) : (
            <span key={index}>{part.value}</span>
          ),
        )}
      </div>
    </div>
  );
}
