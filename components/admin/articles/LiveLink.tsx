"use client";

import { Copy, ExternalLink } from "lucide-react";
import { toast } from "@/components/admin/toast";
import { articlesText } from "@/lib/articles/messages";

const t = articlesText.ui;

/** 查看线上页面 and 复制链接 for an article that is on the public site (the published revision). */
export function LiveLink({ url }: { url: string }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      toast.success(t.linkCopied);
    } catch {
      // No clipboard (plain http, a denied permission): show the address to copy by hand.
      toast.error(`${t.copyFailed}${url}`);
    }
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm" data-testid="live-link">
      <a
        href={url}
        target="_blank"
        rel="noopener"
        className="inline-flex items-center gap-1 font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        <ExternalLink aria-hidden className="size-4" />
        {t.viewLive}
      </a>
      <button
        type="button"
        onClick={() => void copy()}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50"
      >
        <Copy aria-hidden className="size-3.5" />
        {t.copyLink}
      </button>
    </span>
  );
}
