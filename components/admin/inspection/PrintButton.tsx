"use client";

import { inspectionText as t } from "@/lib/inspection/messages";

/** 打印: the browser's print dialog (the page is also printable from the browser menu). */
export function PrintButton({ className }: { className?: string }) {
  return (
    <button type="button" className={className} onClick={() => window.print()}>
      {t.ui.print}
    </button>
  );
}
