"use client";

import { useState } from "react";
import type { SaveActionResult } from "@/app/admin/(staff)/articles/actions";
import type { VersionDiff } from "@/lib/articles/version-diff";

export type SavedVersion = Extract<SaveActionResult, { status: "conflict" }>["theirs"];

/**
 * A save refused over a newer version: the newer version and the side-by-side diff wait for the
 * editor's decision. Keep mine = save again over the newer version (which stays in the history); keep
 * theirs = take the newer version into the form (`restore`, which knows the form's fields) and drop
 * the unsaved edits. Either way the form continues from the newer version's lock version.
 */
export function useSaveConflict(options: {
  setLockVersion: (lockVersion: number) => void;
  restore: (theirs: SavedVersion) => void;
  saveAgain: () => void;
}) {
  const [conflict, setConflict] = useState<{ theirs: SavedVersion; diff: VersionDiff } | null>(null);

  function keepTheirs() {
    if (!conflict) return;
    options.setLockVersion(conflict.theirs.lockVersion);
    options.restore(conflict.theirs);
    setConflict(null);
  }

  function keepMine() {
    if (!conflict) return;
    options.setLockVersion(conflict.theirs.lockVersion);
    setConflict(null);
    options.saveAgain();
  }

  return { conflict, setConflict, keepTheirs, keepMine };
}
