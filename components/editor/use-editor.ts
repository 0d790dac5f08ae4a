"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from "react";
import { BodyEditor, type BodyEditorOptions } from "./body-editor";

/**
 * The two React bindings the body editor needs (body-editor.ts). The figure's node view renders its
 * own React root (figure-node.tsx).
 */

/**
 * The body editor mounted in `element` once it is on the page: null in the server render and the
 * first client one (the admin is server-rendered; the editor exists only in the browser). The options
 * are read once, when the editor is created; later changes go through the editor (`setEditable`).
 */
export function useMountedEditor(
  element: RefObject<HTMLElement | null>,
  options: () => Omit<BodyEditorOptions, "element">,
): BodyEditor | null {
  const [editor, setEditor] = useState<BodyEditor | null>(null);
  const initial = useRef(options);
  useEffect(() => {
    if (!element.current) return;
    const instance = new BodyEditor({ ...initial.current(), element: element.current });
    setEditor(instance);
    return () => {
      setEditor(null);
      instance.destroy();
    };
  }, [element]);
  return editor;
}

function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/** The store behind `useEditorValue`: one read per new editor state, the last value kept while equal. */
export function editorValueStore<T>(editor: BodyEditor, read: (editor: BodyEditor) => T) {
  let seen: BodyEditor["state"] | null = null;
  let value: T;
  return {
    subscribe(notify: () => void) {
      editor.on("transaction", notify);
      return () => {
        editor.off("transaction", notify);
      };
    },
    get(): T {
      if (editor.state !== seen) {
        seen = editor.state;
        const next = read(editor);
        if (!shallowEqual(value, next)) value = next;
      }
      return value;
    },
  };
}

/**
 * A value read from the editor (`select` is the component's fixed reader), recomputed once per new
 * editor state and re-rendering the component only when it changed (compared key by key).
 */
export function useEditorValue<T>(editor: BodyEditor, select: (editor: BodyEditor) => T): T {
  const [reader] = useState(() => select);
  const store = useMemo(() => editorValueStore(editor, reader), [editor, reader]);
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
