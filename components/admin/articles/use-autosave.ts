"use client";

import { useEffect, useRef } from "react";

/**
 * Autosave: every `intervalMs`, only when something changed and no conflict waits for a decision. The
 * timer reads the latest `save`, `dirty` and `blocked` through refs, so it is set up once per form.
 */
export function useAutosave(options: {
  enabled: boolean;
  dirty: boolean;
  blocked: boolean;
  save: () => Promise<void>;
  intervalMs: number;
}): void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const { enabled, intervalMs } = options;
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setInterval(() => {
      if (latest.current.dirty && !latest.current.blocked) void latest.current.save();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [enabled, intervalMs]);
}

/**
 * While there are unsaved changes: the browser's leave warning, and a confirmation before any
 * same-window link click — Next's <Link> navigates inside the page, so beforeunload never fires for the
 * admin's own links (the click is captured before Next handles it).
 */
export function useLeaveWarning(dirty: boolean, message: string): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and WebKit show the dialog only when returnValue is set.
      event.returnValue = message;
    };
    const guardLinks = (event: MouseEvent) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self")) return;
      if (!window.confirm(message)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", warn);
    document.addEventListener("click", guardLinks, true);
    return () => {
      window.removeEventListener("beforeunload", warn);
      document.removeEventListener("click", guardLinks, true);
    };
  }, [dirty, message]);
}
