/** @jsxImportSource preact */
import type { VNode } from "preact";
import { render } from "preact-render-to-string";
import { publicUrls } from "@/lib/urls";
import { Document, type DocumentProps } from "./Document";
import { renderDocument } from "./html-response";

/**
 * The site's document (head, header, navigation, footer) rendered once per site settings, navigation
 * and reader's display choice, with the page's title, path and body left as slots that each page fills
 * by joining strings. For pages rendered per request and mostly never kept — a search nobody asked
 * before — Preact rendering the same chrome again was most of the page's rendering. The result is byte
 * for byte what renderDocument gives for the whole tree (tests/unit/document-shell.test.ts): the slots
 * are filled with Preact's own escaping, and a shell whose slots did not come out as expected is not
 * used.
 */

export type DocumentFrame = Omit<DocumentProps, "title" | "path" | "children">;

const TITLE = "\u0000title\u0000";
const BODY = "\u0000body\u0000";
/** Stands for the path; with a "?" when the real path has a query, so links built on it come out alike. */
const PATH = "\u0000path\u0000";
const PATH_WITH_QUERY = "\u0000path\u0000?";

type Slot = "title" | "path" | "body";

interface Shell {
  /** The text around the slots: parts.length === slots.length + 1. */
  parts: string[];
  slots: Slot[];
}

/** preact-render-to-string's escaping of text and attribute values: " & < (its encodeEntities). */
export function escapeAsPreact(text: string): string {
  return text.replace(/["&<]/g, (char) => (char === '"' ? "&quot;" : char === "&" ? "&amp;" : "&lt;"));
}

function buildShell(frame: DocumentFrame, withQuery: boolean): Shell | null {
  const path = withQuery ? PATH_WITH_QUERY : PATH;
  const html = renderDocument(
    <Document {...frame} title={TITLE} path={path}>
      {BODY}
    </Document>,
  );
  const parts: string[] = [];
  const slots: Slot[] = [];
  const pattern = new RegExp(`${TITLE}|${BODY}|${path.replace("?", "\\?")}`, "g");
  let from = 0;
  for (const match of html.matchAll(pattern)) {
    parts.push(html.slice(from, match.index));
    slots.push(match[0] === TITLE ? "title" : match[0] === BODY ? "body" : "path");
    from = match.index + match[0].length;
  }
  parts.push(html.slice(from));
  // A slot left in a text the page changes (escaped, cut, compared) would not be filled alike: no shell then.
  if (slots.filter((slot) => slot === "body").length !== 1 || parts.some((part) => part.includes("\u0000")))
    return null;
  return { parts, slots };
}

/** Per site settings and navigation object (a new object after every change), then per frame's other fields. */
const shells = new WeakMap<object, WeakMap<object, Map<string, Shell | null>>>();
const SHELLS_PER_NAVIGATION = 64;

function shellFor(frame: DocumentFrame, withQuery: boolean): Shell | null {
  let byColumns = shells.get(frame.site);
  if (!byColumns) shells.set(frame.site, (byColumns = new WeakMap()));
  let byRest = byColumns.get(frame.columns);
  if (!byRest) byColumns.set(frame.columns, (byRest = new Map()));
  // The frame's other fields: site and columns are the maps' keys.
  const key = `${withQuery ? 1 : 0}${JSON.stringify(frame, (name, value: unknown) => (name === "site" || name === "columns" ? undefined : value))}`;
  let shell = byRest.get(key);
  if (shell === undefined) {
    shell = buildShell(frame, withQuery);
    if (byRest.size >= SHELLS_PER_NAVIGATION) byRest.clear();
    byRest.set(key, shell);
  }
  return shell;
}

/** renderDocument(<Document {...frame} title={title} path={path}>{body}</Document>), from the frame's shell. */
export function renderInDocument(frame: DocumentFrame, title: string, path: string, body: VNode): string {
  // The home page's path marks the navigation's current link: rendered whole.
  const shell = path === publicUrls.home() ? null : shellFor(frame, path.includes("?"));
  if (!shell) {
    return renderDocument(
      <Document {...frame} title={title} path={path}>
        {body}
      </Document>,
    );
  }
  const values: Record<Slot, string> = { title: escapeAsPreact(title), path: escapeAsPreact(path), body: render(body) };
  let html = shell.parts[0];
  for (let index = 0; index < shell.slots.length; index++) html += values[shell.slots[index]] + shell.parts[index + 1];
  return html;
}
