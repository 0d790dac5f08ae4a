"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ChangeEvent } from "react";
import { toast } from "@/components/admin/toast";
import type { ImportPreview } from "@/app/admin/(staff)/terms/actions";
import { primaryButton } from "@/components/admin/forms/button-styles";
import { ListTable } from "@/components/admin/ListTable";
import { termsText } from "@/lib/terms/messages";
import { IMPORT_MAX_BYTES } from "@/lib/terms/schemas";

const t = termsText.ui;
const failed: ImportPreview = {
  status: "error",
  total: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: [],
  sample: [],
};

interface Props {
  preview: (text: string) => Promise<ImportPreview>;
  commit: (text: string) => Promise<ImportPreview>;
}

/** Choose a file → the server says what would change and which lines it refuses → confirm. */
export function TermImport({ preview, commit }: Props) {
  const router = useRouter();
  const [text, setText] = useState<string | null>(null);
  const [result, setResult] = useState<ImportPreview | null>(null);
  const [pending, startTransition] = useTransition();

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setResult(null);
    setText(null);
    if (!file) return;
    if (file.size > IMPORT_MAX_BYTES) {
      setResult({ ...failed, message: termsText.validation.fileTooLarge });
      return;
    }
    startTransition(async () => {
      try {
        const content = await file.text();
        setText(content);
        setResult(await preview(content));
      } catch {
        // The server's answer is lost (network, body limit): say so instead of leaving a spinner.
        setResult({ ...failed, message: termsText.validation.readFailed });
      }
    });
  }

  function onConfirm() {
    if (text === null) return;
    startTransition(async () => {
      let done: ImportPreview;
      try {
        done = await commit(text);
      } catch {
        setResult({ ...failed, message: termsText.validation.readFailed });
        return;
      }
      if (done.status === "ok") {
        toast.success(done.message ?? "");
        router.push("/admin/terms");
        router.refresh();
      } else {
        setResult(done);
      }
    });
  }

  const importable = result?.status === "ok" ? result.created + result.updated : 0;
  return (
    <div className="space-y-5">
      <div>
        <label htmlFor="term-file" className="block text-sm font-medium">
          {t.chooseFile}
        </label>
        <input
          id="term-file"
          type="file"
          accept=".txt,.tsv,text/plain"
          onChange={onFile}
          className="mt-1.5 block text-sm"
        />
      </div>
      {pending && (
        <p className="text-sm text-slate-600" role="status">
          {text === null ? t.previewing : t.importing}
        </p>
      )}
      {result?.status === "error" && (
        <p role="alert" className="rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-700 ring-1 ring-brand-600/20">
          {result.message}
        </p>
      )}
      {result?.status === "ok" && (
        <section aria-live="polite" className="space-y-4">
          <p className="text-sm font-medium">
            {t.summary(result.total, result.created, result.updated, result.unchanged, result.rejected.length)}
          </p>
          {result.rejected.length > 0 && (
            <div>
              <h2 className="text-sm font-medium text-brand-700">{t.rejectedTitle}</h2>
              <ul className="mt-2 max-h-72 space-y-1 overflow-y-auto rounded-md bg-white p-3 text-sm ring-1 ring-slate-200">
                {result.rejected.map((line) => (
                  <li key={line.line}>
                    <span className="font-medium">{t.lineNo(line.line)}</span>:{line.reason}
                    <code className="ml-2 break-all text-xs text-slate-500">{line.text}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.sample.length > 0 && (
            <div>
              <h2 className="text-sm font-medium">{t.previewRows}</h2>
              <div className="mt-2">
                <ListTable
                  compact
                  columns={[
                    { label: t.columns.term },
                    { label: t.columns.level },
                    { label: t.columns.suggestion },
                    { label: t.columns.category },
                    { label: "变化", hidden: true },
                  ]}
                >
                  {result.sample.map((row) => (
                    <tr key={row.term}>
                      <td className="px-3 py-2">{row.term}</td>
                      <td className="px-3 py-2">{row.level}</td>
                      <td className="px-3 py-2">{row.suggestion}</td>
                      <td className="px-3 py-2">{row.category}</td>
                      <td className="px-3 py-2 text-slate-600">{t.change[row.change]}</td>
                    </tr>
                  ))}
                </ListTable>
              </div>
            </div>
          )}
          {importable > 0 && (
            <button type="button" onClick={onConfirm} disabled={pending} className={primaryButton}>
              {t.confirmImport(importable)}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
