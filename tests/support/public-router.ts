import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GET as missingRoute } from "@/app/[...missing]/route";
import { GET as articleJsonRoute } from "@/app/api/v1/articles/[slug]/route";
import { GET as articlesJsonRoute } from "@/app/api/v1/articles/route";
import { GET as columnsJsonRoute } from "@/app/api/v1/columns/route";
import { GET as profilesJsonRoute } from "@/app/api/v1/profiles/route";
import { GET as articleRoute } from "@/app/articles/[file]/route";
import { GET as columnFeedRoute } from "@/app/columns/[slug]/rss.xml/route";
import { GET as columnRoute } from "@/app/columns/[slug]/route";
import { GET as homeRoute } from "@/app/route";
import { GET as siteFeedRoute } from "@/app/rss.xml/route";
import { GET as searchRoute } from "@/app/search/route";
import { GET as sitemapRoute } from "@/app/sitemap.xml/route";
import { refuseUnreadableUrl, serveCachedPage } from "@/lib/public/serve/fast-path";

/**
 * The public routes behind the custom server's fast path, as scripts/server.ts runs them: a node:http
 * server answers from the page cache (lib/public/serve/fast-path.ts) or dispatches to the real route
 * handlers, with route parameters decoded as Next decodes them (without the proxy, so the routes' own
 * checks are what is tested).
 */

export const SITE = "http://localhost:3000";

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function routePublic(target: string, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`${SITE}${target}`, { headers });
  const pathname = target.split("?")[0] ?? "/";
  const segments = pathname.split("/").slice(1).map(decodeSegment);
  const params = <T>(value: T) => ({ params: Promise.resolve(value) });
  const [first, second, third, fourth] = segments;
  if (pathname === "/") return homeRoute(request);
  if (pathname === "/search") return searchRoute(request);
  if (pathname === "/rss.xml") return siteFeedRoute(request);
  if (pathname === "/sitemap.xml") return sitemapRoute(request);
  if (first === "articles" && segments.length === 2 && second) return articleRoute(request, params({ file: second }));
  if (first === "columns" && segments.length === 2 && second) return columnRoute(request, params({ slug: second }));
  if (first === "columns" && segments.length === 3 && second && third === "rss.xml")
    return columnFeedRoute(request, params({ slug: second }));
  if (first === "api" && second === "v1" && segments.length === 3) {
    if (third === "articles") return articlesJsonRoute(request);
    if (third === "profiles") return profilesJsonRoute(request);
    if (third === "columns") return columnsJsonRoute(request);
  }
  if (first === "api" && second === "v1" && third === "articles" && segments.length === 4 && fourth)
    return articleJsonRoute(request, params({ slug: fourth }));
  return missingRoute(request);
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Answered by the fast path, without reaching the route handlers. */
  fast: boolean;
}

export class PublicServer {
  private server?: Server;
  private base = "";
  private routed = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (refuseUnreadableUrl(request, response, SITE)) return;
      if (serveCachedPage(request, response, SITE)) return;
      this.routed++;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers[name] = value;
      routePublic(request.url ?? "/", headers)
        .then(async (answer) => {
          const outgoing: Record<string, string[]> = {};
          answer.headers.forEach((value, name) => {
            (outgoing[name] ??= []).push(value);
          });
          response.writeHead(answer.status, outgoing);
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  get(target: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
    const routedBefore = this.routed;
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${this.base}${target}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            fast: this.routed === routedBefore,
          }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }
}
