"use client";

import { CircleAlert, CircleCheck, CircleX, Info, X } from "lucide-react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { shellText } from "./messages";
import {
  TOAST_DURATION_MS,
  TOAST_LEAVE_MS,
  dismissToast,
  removeToast,
  shownToasts,
  subscribeToasts,
  toastQueue,
  type ToastItem,
  type ToastKind,
} from "./toast";

const STYLE: Record<ToastKind, { icon: typeof Info; className: string }> = {
  success: { icon: CircleCheck, className: "border-emerald-200 bg-emerald-50 text-emerald-800" },
  error: { icon: CircleX, className: "border-red-200 bg-red-50 text-red-800" },
  warning: { icon: CircleAlert, className: "border-amber-200 bg-amber-50 text-amber-900" },
  info: { icon: Info, className: "border-sky-200 bg-sky-50 text-sky-800" },
};

const NO_TOASTS: readonly ToastItem[] = [];
const noToasts = () => NO_TOASTS;

/**
 * The admin's toasts (components/admin/toast.ts), top centre, newest first. A polite live region
 * that is always on the page announces each one; hovering or focusing them, or leaving the tab,
 * stops their time. Success toasts of the admin; errors stay beside the field or the button that
 * caused them, or come as an error toast when nothing on the page can show them.
 */
export function Toaster() {
  const items = shownToasts(useSyncExternalStore(subscribeToasts, toastQueue, noToasts));
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const hidden = useSyncExternalStore(
    subscribeVisibility,
    () => document.hidden,
    () => false,
  );
  const paused = hovered || focused || hidden;

  return (
    <section aria-label={shellText.toasts} aria-live="polite" aria-relevant="additions text" data-toaster>
      {items.length > 0 && (
        <ol
          className="fixed inset-x-0 top-4 z-[100] mx-auto flex w-[min(356px,calc(100%-2rem))] flex-col gap-2"
          onMouseEnter={() => setHovered(true)}
          onMouseLeave={() => setHovered(false)}
          onFocus={() => setFocused(true)}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
          }}
        >
          {items.map((item) => (
            <Toast key={item.id} item={item} paused={paused} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Toast({ item, paused }: { item: ToastItem; paused: boolean }) {
  const remaining = useRef(TOAST_DURATION_MS);
  const { icon: Icon, className } = STYLE[item.kind];

  useEffect(() => {
    if (item.leaving) {
      const timer = setTimeout(() => removeToast(item.id), TOAST_LEAVE_MS);
      return () => clearTimeout(timer);
    }
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissToast(item.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current -= Date.now() - started;
    };
  }, [item.id, item.leaving, paused]);

  return (
    <li
      role="status"
      aria-atomic="true"
      data-toast={item.kind}
      data-leaving={item.leaving || undefined}
      className={`flex items-start gap-2 rounded-lg border px-4 py-3 text-sm shadow-lg transition duration-200 starting:-translate-y-2 starting:opacity-0 motion-reduce:transition-none data-leaving:-translate-y-2 data-leaving:opacity-0 ${className}`}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span className="min-w-0 flex-1 break-words">{item.message}</span>
      <button
        type="button"
        aria-label={shellText.closeToast}
        className="-m-1 shrink-0 rounded p-1 opacity-70 hover:opacity-100"
        onClick={() => dismissToast(item.id)}
      >
        <X aria-hidden className="size-4" />
      </button>
    </li>
  );
}

function subscribeVisibility(listener: () => void): () => void {
  document.addEventListener("visibilitychange", listener);
  return () => document.removeEventListener("visibilitychange", listener);
}
