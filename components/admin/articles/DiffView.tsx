import { clsx } from "clsx";
import { articlesText } from "@/lib/articles/messages";
import { hasChanges, type DiffRow, type Segment, type VersionDiff } from "@/lib/articles/version-diff";

const t = articlesText.ui;

function Segments({ segments, side }: { segments: Segment[] | null; side: "left" | "right" }) {
  if (!segments) return null;
  return (
    <>
      {segments.map((segment, index) =>
        segment.changed ? (
          side === "left" ? (
            <del key={index} className="bg-red-100 text-red-900 decoration-red-400">
              {segment.text}
            </del>
          ) : (
            <ins key={index} className="bg-emerald-100 text-emerald-900 no-underline">
              {segment.text}
            </ins>
          )
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

function Rows({
  rows,
  caption,
  leftLabel,
  rightLabel,
}: {
  rows: DiffRow[];
  caption: string;
  leftLabel: string;
  rightLabel: string;
}) {
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="mb-2 text-left font-semibold">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">{leftLabel}</th>
          <th scope="col">{rightLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index} className="align-top" data-kind={row.kind}>
            <td
              className={clsx(
                "whitespace-pre-wrap border border-slate-200 px-2 py-1",
                row.kind === "removed" || row.kind === "changed" ? "bg-red-50" : row.left ? "" : "bg-slate-50",
              )}
            >
              {row.kind === "removed" && <span className="sr-only">{t.removed}：</span>}
              <Segments segments={row.left} side="left" />
            </td>
            <td
              className={clsx(
                "whitespace-pre-wrap border border-slate-200 px-2 py-1",
                row.kind === "added" || row.kind === "changed" ? "bg-emerald-50" : row.right ? "" : "bg-slate-50",
              )}
            >
              {row.kind === "added" && <span className="sr-only">{t.added}：</span>}
              <Segments segments={row.right} side="right" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Two versions side by side: changed fields, then the body's structure, then its text. */
export function DiffView({
  diff,
  leftLabel,
  rightLabel,
}: {
  diff: VersionDiff;
  leftLabel: string;
  rightLabel: string;
}) {
  const same = diff.fields.length === 0 && !hasChanges(diff.structure) && !hasChanges(diff.text);
  return (
    <div className="space-y-6" data-testid="diff-view">
      <div className="grid grid-cols-2 gap-2 text-sm font-medium text-slate-700">
        <span>{leftLabel}</span>
        <span>{rightLabel}</span>
      </div>
      {same && <p className="text-sm text-slate-600">{t.diffNoChanges}</p>}
      {diff.fields.length > 0 && (
        <table className="w-full table-fixed border-collapse text-sm">
          <caption className="mb-2 text-left font-semibold">{t.diffField}</caption>
          <tbody>
            {diff.fields.map((field) => (
              <tr key={field.label} className="align-top">
                <th scope="row" className="w-24 border border-slate-200 bg-slate-50 px-2 py-1 text-left font-medium">
                  {field.label}
                </th>
                <td className="whitespace-pre-wrap border border-slate-200 bg-red-50 px-2 py-1">{field.before}</td>
                <td className="whitespace-pre-wrap border border-slate-200 bg-emerald-50 px-2 py-1">{field.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasChanges(diff.structure) && (
        <Rows rows={diff.structure} caption={t.diffStructure} leftLabel={leftLabel} rightLabel={rightLabel} />
      )}
      {hasChanges(diff.text) && (
        <Rows rows={diff.text} caption={t.diffText} leftLabel={leftLabel} rightLabel={rightLabel} />
      )}
    </div>
  );
}
