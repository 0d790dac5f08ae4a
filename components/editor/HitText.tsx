import { checksText } from "@/lib/checks/messages";
import type { CheckHit } from "./check-highlights";

// One hit as text, for the body's panel (CheckHitsPanel, which needs the editor) and under a field
// (FieldCheckHits, which does not): kept apart from the editor engine so the form's fields do not
// load it.

const t = checksText.editor;

function LevelBadge({ level }: { level: CheckHit["level"] }) {
  return (
    <span
      className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${level === "BLOCK" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900"}`}
    >
      {checksText.levelLabels[level]}
    </span>
  );
}

export function HitText({ hit }: { hit: CheckHit }) {
  return (
    <>
      <LevelBadge level={hit.level} />
      <span className="font-medium">{hit.term}</span>
      {hit.suggestion ? <span className="text-slate-600"> → {hit.suggestion}</span> : null}
      <span className="block text-slate-600">{hit.message}</span>
    </>
  );
}

/** The hits of one field (title, lead, summary), shown under it. */
export function FieldCheckHits({ id, field, hits }: { id: string; field: string; hits: readonly CheckHit[] }) {
  if (hits.length === 0) return null;
  return (
    <ul
      id={id}
      aria-label={t.fieldHits(field)}
      className="mt-1 space-y-1 rounded-md bg-amber-50 px-3 py-2 text-sm"
      data-testid={`${id}`}
    >
      {hits.map((hit, index) => (
        <li key={index}>
          <HitText hit={hit} />
        </li>
      ))}
    </ul>
  );
}
