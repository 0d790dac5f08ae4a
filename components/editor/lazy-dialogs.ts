"use client";

import dynamic from "next/dynamic";
import { useState } from "react";

/**
 * The editor page's dialogs that nobody needs before they ask for one (a photo, a link, a save
 * conflict): their code (the media uploader, the diff view) is fetched when one is first opened,
 * not with the page. Each is rendered from its first opening on (`useOpenedOnce`), so it keeps its
 * state between openings as before.
 */
export const MediaPickerDialog = dynamic(() => import("./MediaPickerDialog").then((m) => m.MediaPickerDialog), {
  ssr: false,
});

export const LinkDialog = dynamic(() => import("./LinkDialog").then((m) => m.LinkDialog), { ssr: false });

export const ConflictDialog = dynamic(() => import("./ConflictDialog").then((m) => m.ConflictDialog), {
  ssr: false,
});

/** True from the first time `open` is true: whether a lazy dialog is rendered at all. */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
