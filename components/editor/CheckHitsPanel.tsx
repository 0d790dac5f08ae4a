"use client";

import { Crosshair } from "lucide-react";
import { toast } from "@/components/admin/toast";
import { checksText } from "@/lib/checks/messages";
import type { BodyEditor } from "./body-editor";
import { currentHitRanges, type CheckHit } from "./check-highlights";
import { selectRange } from "./commands";
import { HitText } from "./HitText";

const t = checksText.editor;

/**
 * The body's hits of the last save as a list, each with a 定位 button that selects the flagged text
 * where it is now — the highlights alone would leave keyboard and screen-reader users without them.
 */
export function CheckHitsPanel({
  editor,
  hits,
  blocking,
}: {
  editor: BodyEditor | null;
  hits: readonly CheckHit[];
  blocking: boolean;
}) {
  function locate(index: number) {
    if (!editor) return;
    const range = currentHitRanges(editor.state).get(index);
    if (!range) {
      toast.info(t.gone);
      return;
    }
    editor.run(selectRange(range));
  }

  return (
    <section
      aria-labelledby="check-hits-title"
      className="rounded-lg bg-white p-4 ring-1 ring-slate-200"
      data-testid="editor-check-hits"
    >
      <h3 id="check-hits-title" className="text-sm font-semibold">
        {t.title}
      </h3>
      {hits.length === 0 && !blocking ? (
        <p className="mt-1 text-sm text-green-800">{t.clean}</p>
      ) : (
        <>
          {blocking && <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{t.blocking}</p>}
          <ul className="mt-2 space-y-2">
            {hits.map((hit, index) => (
              <li key={index} className="flex items-start justify-between gap-3 text-sm">
                <span>
                  <HitText hit={hit} />
                </span>
                <button
                  type="button"
                  onClick={() => locate(index)}
                  aria-label={t.locateLabel(hit.term)}
                  className="inline-flex shrink-0 items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-50"
                >
                  <Crosshair aria-hidden className="size-3.5" />
                  {t.locate}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
