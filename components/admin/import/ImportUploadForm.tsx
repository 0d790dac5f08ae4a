"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { toast } from "@/components/admin/toast";
import { primaryButton, secondaryButton } from "@/components/admin/forms/button-styles";
import { importText } from "@/lib/import/messages";

const t = importText.ui;

const field =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-600";

interface Props {
  columns: { id: string; name: string }[];
}

/**
 * 新建导入: the export file(s) or a whole folder (the browser's folder picker gives each file its
 * path in the folder), sent with upload progress to POST /api/import. The server validates again;
 * its Chinese message is shown here and nothing the user chose is lost.
 */
export function ImportUploadForm({ columns }: Props) {
  const router = useRouter();
  const folderInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  function onChoose(input: HTMLInputElement | null) {
    setChosen(input?.files ? Array.from(input.files) : []);
    setError(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (chosen.length === 0) {
      setError({ message: importText.errors.noUpload, field: "files" });
      return;
    }
    const form = new FormData(event.currentTarget);
    form.delete("files");
    for (const file of chosen) {
      form.append("files", file);
      form.append("paths", file.webkitRelativePath || file.name);
    }
    const request = new XMLHttpRequest();
    request.open("POST", "/api/import");
    request.upload.onprogress = (progressEvent) => {
      if (progressEvent.lengthComputable) setProgress(Math.round((progressEvent.loaded / progressEvent.total) * 100));
    };
    request.onload = () => {
      setProgress(null);
      let body: { id?: string; message?: string; error?: string; field?: string } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // An answer that is not JSON (a proxy's error page) is reported as the generic refusal.
      }
      if (request.status === 201 && body.id) {
        toast.success(body.message ?? t.started);
        router.push(`/admin/import/${body.id}`);
      } else {
        setError({ message: body.error ?? importText.errors.invalidRequest, field: body.field });
      }
    };
    request.onerror = () => {
      setProgress(null);
      setError({ message: importText.errors.invalidRequest });
    };
    setError(null);
    setProgress(0);
    request.send(form);
  }

  const size = chosen.reduce((sum, file) => sum + file.size, 0);
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      className="space-y-4 rounded-xl bg-white p-5 ring-1 ring-slate-200"
      aria-label={t.newBatch}
    >
      <h2 className="text-base font-semibold text-slate-900">{t.newBatch}</h2>
      {error && (
        <p role="alert" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
          {error.message}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <label className="block text-sm font-medium text-slate-700">
          {t.format}
          <select name="format" className={field} defaultValue="AUTO">
            <option value="AUTO">自动识别</option>
            <option value="WXR">{importText.formatLabels.WXR}</option>
            <option value="HTML">{importText.formatLabels.HTML}</option>
            <option value="FEED">{importText.formatLabels.FEED}</option>
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700">
          {t.column}
          <select name="columnId" className={field} defaultValue={columns[0]?.id} aria-describedby="import-column-hint">
            {columns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.name}
              </option>
            ))}
          </select>
          <span id="import-column-hint" className="mt-1 block text-xs font-normal text-slate-500">
            {t.columnHint}
          </span>
        </label>
        <div className="text-sm font-medium text-slate-700">
          {t.file}
          <div className="mt-1 flex flex-wrap gap-2">
            <button type="button" className={secondaryButton} onClick={() => folderInput.current?.click()}>
              {t.chooseFolder}
            </button>
            <button type="button" className={secondaryButton} onClick={() => fileInput.current?.click()}>
              {t.chooseFiles}
            </button>
          </div>
          <input
            ref={folderInput}
            type="file"
            name="files"
            multiple
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            onChange={() => onChoose(folderInput.current)}
            {...{ webkitdirectory: "", directory: "" }}
          />
          <input
            ref={fileInput}
            type="file"
            name="files"
            multiple
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            accept=".xml,.rss,.atom,.html,.htm,.jpg,.jpeg,.png,.gif,.webp"
            onChange={() => onChoose(fileInput.current)}
          />
          <p className="mt-1 text-xs font-normal text-slate-500" aria-live="polite">
            {chosen.length ? `已选择 ${chosen.length} 个文件，共 ${(size / 1024 / 1024).toFixed(1)} MB` : t.fileHint}
          </p>
        </div>
      </div>
      <details className="text-sm text-slate-700">
        <summary className="cursor-pointer font-medium">{t.selectors}</summary>
        <p className="mt-2 text-xs text-slate-500">{t.presetSeed}。留空的项目使用内置规则。</p>
        <div className="mt-2 grid gap-3 md:grid-cols-2">
          {(
            [
              ["selectorTitle", t.selectorTitle, "h1.title"],
              ["selectorSource", t.selectorSource, ".info"],
              ["selectorDate", t.selectorDate, ".info"],
              ["selectorBody", t.selectorBody, "#zoom"],
            ] as const
          ).map(([name, label, placeholder]) => (
            <label key={name} className="block">
              {label}
              <input name={name} className={field} placeholder={placeholder} maxLength={500} />
            </label>
          ))}
          <label className="block md:col-span-2">
            旧网站地址（镜像文件夹不以域名开头时填写）
            <input name="baseUrl" className={field} placeholder="http://www.example.gov.cn/" maxLength={500} />
          </label>
        </div>
      </details>
      <div className="flex items-center gap-3">
        <button type="submit" className={primaryButton} disabled={progress !== null}>
          {t.start}
        </button>
        {progress !== null && (
          <progress className="w-48" max={100} value={progress} aria-label="上传进度">
            {progress}%
          </progress>
        )}
      </div>
    </form>
  );
}
