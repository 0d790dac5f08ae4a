import type { VNode } from "preact";
import { render } from "preact-render-to-string";

/**
 * Public pages are complete HTML documents rendered once on the server with Preact (Next refuses
 * react-dom/server inside route handlers, and these pages need no hydration or client runtime).
 */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>${render(page)}`;
}

export function htmlResponse(html: string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(html, {
    status: init.status ?? 200,
    headers: { "content-type": "text/html; charset=utf-8", ...init.headers },
  });
}
