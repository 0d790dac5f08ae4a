import type { VNode } from "preact";
import { render } from "preact-render-to-string";

/**
 * Public pages are complete HTML documents rendered once on the server with Preact (Next refuses
 * react-dom/server inside route handlers, and these pages need no hydration or client runtime).
 */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>${render(page)}`;
}
