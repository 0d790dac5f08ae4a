"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

/**
 * The lock version the edit page last saw, shared by the form (which moves it on every save) and the
 * restore buttons in the server-rendered revision list (which must send the current one, or the
 * server refuses the restore as a conflict after any autosave).
 */
export interface LockVersion {
  get: () => number;
  set: (value: number) => void;
}

/** A cell outside React's state: changing it must not re-render the form at every autosave. */
function lockCell(initial: number): LockVersion {
  let value = initial;
  return {
    get: () => value,
    set: (next) => {
      value = next;
    },
  };
}

const LockVersionContext = createContext<LockVersion | null>(null);

export function LockVersionProvider({ initial, children }: { initial: number; children: ReactNode }) {
  const [cell] = useState(() => lockCell(initial));
  return <LockVersionContext.Provider value={cell}>{children}</LockVersionContext.Provider>;
}

/**
 * The workflow panel's buttons share one version, so the step taken right after another sends the
 * version the last one returned, not the one of a page refresh that may still be on its way. Inside
 * the edit page's provider it is that provider's (the form's saves move it too).
 */
export function LockVersionScope({ initial, children }: { initial: number; children: ReactNode }) {
  const shared = useContext(LockVersionContext);
  const [cell] = useState(() => lockCell(initial));
  return <LockVersionContext.Provider value={shared ?? cell}>{children}</LockVersionContext.Provider>;
}

/** The shared lock version inside a provider; a private one (starting at `initial`) outside it. */
export function useLockVersion(initial: number): LockVersion {
  const shared = useContext(LockVersionContext);
  const [own] = useState(() => lockCell(initial));
  return shared ?? own;
}
