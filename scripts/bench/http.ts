/**
 * `npm run bench:http`: the public site over HTTP, as issue 6 asks. Seeds the demo content into a
 * scratch database, starts the production app (scripts/server.ts — Next in production mode behind the
 * public fast path, as `npm start` runs it; built first when stale) on a free loopback port, and runs
 * autocannon (50 connections, 10 s each) against
 *   (a) a plain Node static server (node:http + fs, below) serving an HTML file of the article page's size,
 *   (b) nginx serving the same file, when `nginx` is on PATH (skipped with a note otherwise),
 *   (c) the app's cached article page, (d) a column page, (e) a repeated search (kept from its second ask),
 *   (f) searches that are all different (never cached: each one queries PostgreSQL and renders),
 * then the static-published article page (`npm run publish:static`) served by nginx, as a ratio to (b).
 * Also prints the article page's HTML and JavaScript bytes (gzip). Everything listens on 127.0.0.1 only.
 *
 * Then, with wrk (issue 18; skipped with a note when wrk or nginx is missing — `apt-get install wrk
 * nginx`), one `wrk -t2 -c50 --latency` run per target, all with Accept-Encoding: gzip:
 *   nginx sending the article's gzipped bytes (gzip_static), a bare node:http server sending the same
 *   bytes from memory, and the app's cached article, column and home pages (targets ≥ 0.5× nginx);
 *   then the p99 of the column's newest article with and without staff publishing in a loop
 *   (scripts/bench/publish-loop.ts, the real workflow command), as a ratio.
 * BENCH_HTTP_WRK_ONLY=1 runs only the wrk part.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { Client } from "pg";
import { demoArticles } from "../../lib/seed/demo-content";
import { startApp, type RunningApp } from "../../tests/support/app-server";
import { freePort } from "../lib/free-port";
import { prepareDatabase } from "../lib/prepare-database";
import { preparePublishLoop } from "./publish-loop";
import { recordResult } from "./results";
import { scratchDatabase } from "./scratch-database";
import { nginxBinary, startNginx, stop } from "./nginx";
import { runWrk, wrkBinary, type WrkResult } from "./wrk";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const WARMUP_S = 2;
const SEARCH_QUERY = "先锋";
const JS_BUDGET_BYTES = 15 * 1024;

/** The bare node:http baseline of the wrk runs: the page's gzip bytes from memory, no routing at all. */
function runGzipServer(file: string, port: number): void {
  void readFile(file).then((body) => {
    createServer((_request, response) => {
      response.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-encoding": "gzip",
        "content-length": body.length,
      });
      response.end(body);
    }).listen(port, "127.0.0.1", () => process.send?.("listening"));
  });
}

/** (a): what "a plain Node static server" means here — read the file per request, as `send` / serve-static do. */
function runStaticServer(file: string, port: number): void {
  createServer((request, response) => {
    readFile(file).then(
      (body) => {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  }).listen(port, "127.0.0.1", () => process.send?.("listening"));
}

interface Measured {
  name: string;
  requestsPerSecond: number;
  p99: number;
  failures: number;
}

async function load(name: string, url: string, seconds = DURATION_S, nextPath?: () => string): Promise<Measured> {
  const requests = nextPath
    ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: nextPath() }) }]
    : undefined;
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests });
  const failures = result.errors + result.non2xx;
  if (seconds === DURATION_S) {
    console.log(
      `${name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms${failures ? `, ${failures} errors / non-2xx` : ""}`,
    );
  }
  return { name, requestsPerSecond: result.requests.average, p99: result.latency.p99, failures };
}

async function startNodeStatic(
  file: string,
  mode: "--static-server" | "--gzip-server" = "--static-server",
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // The same script in its server mode, in its own process so the load generator does not share its event loop.
  const child = spawn(process.execPath, [...process.execArgv, __filename, mode, file, String(port)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`static server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** A hand-written HTML document of exactly `bytes` bytes (UTF-8), for the static baselines. */
function handWrittenHtml(bytes: number): Buffer {
  const head = '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>静态页面</title></head><body>\n';
  const tail = "</body></html>\n";
  const paragraph = "<p>全区宣传思想文化工作会议总结了今年的工作，部署了明年的任务。</p>\n";
  let body = "";
  while (Buffer.byteLength(head + body + paragraph + tail) <= bytes) body += paragraph;
  const padding = bytes - Buffer.byteLength(head + body + tail);
  return Buffer.from(head + body + " ".repeat(Math.max(0, padding)) + tail);
}

async function gzipBytes(app: RunningApp, html: string): Promise<{ html: number; js: number; scripts: number }> {
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => match[1])
    .join("");
  let js = inline ? gzipSync(Buffer.from(inline)).length : 0;
  for (const source of sources) {
    const response = await fetch(new URL(source, app.url));
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    js += gzipSync(Buffer.from(await response.arrayBuffer())).length;
  }
  return { html: gzipSync(Buffer.from(html)).length, js, scripts: sources.length + (inline ? 1 : 0) };
}

async function liveArticle(url: string): Promise<{ article: string; column: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ article: string; column: string }>(
      `SELECT a.slug AS article, c.slug AS "column" FROM "Article" a JOIN "Column" c ON c.id = a."columnId"
        WHERE a."publishedRevisionId" IS NOT NULL AND a."withdrawnAt" IS NULL ORDER BY a."publishedAt"`,
    );
    // The seed's first 【先锋】 profile (lib/seed/demo-content.ts) when it is live, else the oldest live article.
    const profile = demoArticles.find((entry) => entry.column === "xianfeng" && entry.status === "PUBLISHED");
    const chosen = rows.find((row) => row.article === profile?.slug) ?? rows[0];
    if (!chosen) throw new Error("the demo seed has no live article");
    return chosen;
  } finally {
    await client.end();
  }
}

const ratio = (value: number, base: number | undefined) => (base ? `${(value / base).toFixed(3)}×` : "—");

async function main(): Promise<void> {
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
  const work = await mkdtemp(path.join(os.tmpdir(), "cms-bench-http-"));
  // nginx workers may run as another user: let them read the served files.
  await chmod(work, 0o755);
  const scratch = await scratchDatabase("bench_http");
  const children: ChildProcess[] = [];
  let app: RunningApp | undefined;
  let clusterApp: RunningApp | undefined;
  try {
    const uploadDir = path.join(work, "uploads");
    await prepareDatabase({ databaseUrl: scratch.url, dataDir: path.join(work, "data"), uploadDir, seed: true });
    const { article, column } = await liveArticle(scratch.url);
    // `next build` (run by startApp when the build is stale) loads lib/env.ts while collecting pages.
    process.env.DATABASE_URL = scratch.url;
    app = await startApp({
      databaseUrl: scratch.url,
      env: { UPLOAD_DIR: uploadDir, AUTH_SECRET: process.env.AUTH_SECRET },
    });
    const urls = {
      article: `${app.url}/articles/${article}.html`,
      column: `${app.url}/columns/${column}`,
      search: `${app.url}/search?q=${encodeURIComponent(SEARCH_QUERY)}`,
    };
    for (const url of Object.values(urls)) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    }
    const html = await (await fetch(urls.article)).text();
    const size = Buffer.byteLength(html);
    const sizes = await gzipBytes(app, html);
    console.log(
      `article page /articles/${article}.html: ${size} bytes; gzip HTML ${sizes.html} bytes, JavaScript ${sizes.js} bytes (${sizes.scripts} scripts)`,
    );

    const served = path.join(work, "www");
    const nginx = nginxBinary();
    if (process.env.BENCH_HTTP_WRK_ONLY !== "1")
      await autocannonRuns({
        app,
        urls,
        served,
        size,
        sizes,
        nginx,
        scratchUrl: scratch.url,
        uploadDir,
        work,
        article,
        children,
      });
    clusterApp = await startApp({
      databaseUrl: scratch.url,
      env: { UPLOAD_DIR: uploadDir, AUTH_SECRET: process.env.AUTH_SECRET, WEB_CONCURRENCY: String(WORKERS) },
    });
    await wrkRuns({ app, clusterApp, urls, served, html, nginx, scratchUrl: scratch.url, column, work, children });
  } finally {
    for (const child of children) await stop(child, child.spawnfile.endsWith("nginx") ? "SIGQUIT" : "SIGTERM");
    await clusterApp?.stop();
    await app?.stop();
    await scratch.drop();
    await rm(work, { recursive: true, force: true });
  }
}

interface RunContext {
  app: RunningApp;
  /** The same app as WEB_CONCURRENCY=<cores> workers (nginx runs `worker_processes auto`). */
  clusterApp: RunningApp;
  urls: { article: string; column: string; search: string };
  served: string;
  nginx: string | null;
  scratchUrl: string;
  work: string;
  children: ChildProcess[];
}

async function autocannonRuns(
  context: Omit<RunContext, "clusterApp"> & {
    size: number;
    sizes: { html: number; js: number };
    uploadDir: string;
    article: string;
  },
): Promise<void> {
  const { app, urls, served, size, sizes, nginx, scratchUrl, uploadDir, work, article, children } = context;
  {
    await mkdir(path.join(served, "hand"), { recursive: true });
    const handFile = path.join(served, "hand", "page.html");
    await writeFile(handFile, handWrittenHtml(size));

    const nodeStatic = await startNodeStatic(handFile);
    children.push(nodeStatic.child);
    await load("warm-up", nodeStatic.url, WARMUP_S);
    const results: Record<string, Measured> = { node: await load("(a) node static file", nodeStatic.url) };
    await stop(nodeStatic.child);

    let nginxUrl: string | undefined;
    let publishedPath: string | undefined;
    if (nginx) {
      const published = path.join(served, "published");
      const publish = spawnSync("npm", ["run", "--silent", "publish:static", "--", published], {
        env: { ...process.env, DATABASE_URL: scratchUrl, SITE_URL: app.url, UPLOAD_DIR: uploadDir },
        stdio: "inherit",
      });
      if (publish.status !== 0) throw new Error(`npm run publish:static failed (${publish.status})`);
      publishedPath = `/published/articles/${article}.html`;
      const server = await startNginx(nginx, served, work);
      children.push(server.child);
      nginxUrl = server.url;
      await load("warm-up", `${nginxUrl}/hand/page.html`, WARMUP_S);
      results.nginx = await load("(b) nginx static file", `${nginxUrl}/hand/page.html`);
    } else {
      console.log("(b) nginx: not on PATH — skipped (the nginx ratios need it; install nginx to measure them)");
    }

    for (const [key, label] of [
      ["article", "(c) app article page (cached)"],
      ["column", "(d) app column page"],
      ["search", `(e) app search ?q=${SEARCH_QUERY}`],
    ] as const) {
      await load("warm-up", urls[key], WARMUP_S);
      results[key] = await load(label, urls[key]);
    }
    let distinct = 0;
    const distinctSearch = () => `/search?q=${encodeURIComponent(`${SEARCH_QUERY}${10_000 + distinct++}`)}`;
    await load("warm-up", app.url, WARMUP_S, distinctSearch);
    results.distinctSearch = await load("(f) app search, every query new", app.url, DURATION_S, distinctSearch);
    if (nginxUrl && publishedPath)
      results.published = await load("static-published article via nginx", `${nginxUrl}${publishedPath}`);

    const node = results.node.requestsPerSecond;
    const nginxRps = results.nginx?.requestsPerSecond;
    console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each, 127.0.0.1, page ${size} bytes`);
    console.log(
      `${"".padEnd(40)}${"req/s".padStart(9)}${"p99 ms".padStart(9)}${"× node".padStart(10)}${"× nginx".padStart(10)}`,
    );
    for (const result of Object.values(results)) {
      console.log(
        `${result.name.padEnd(40)}${result.requestsPerSecond.toFixed(0).padStart(9)}${String(result.p99).padStart(9)}${ratio(result.requestsPerSecond, node).padStart(10)}${ratio(result.requestsPerSecond, nginxRps).padStart(10)}${result.failures ? `  ${result.failures} failed` : ""}`,
      );
    }

    const noNginx = "nginx not installed";
    const appRow = (key: "article" | "column" | "search" | "distinctSearch", name: string, p99Target?: number) => {
      const measured = results[key];
      const failed = measured.failures ? `, ${measured.failures} failed` : "";
      recordResult({
        issue: 6,
        name: `${name}: req/s (× node static, × nginx)`,
        value: `${measured.requestsPerSecond.toFixed(0)} (${ratio(measured.requestsPerSecond, node)}, ${nginxRps ? ratio(measured.requestsPerSecond, nginxRps) : noNginx})${failed}`,
        target: key === "article" ? "≥ 0.04× nginx" : "reported",
        pass:
          key !== "article"
            ? undefined
            : nginxRps
              ? measured.requestsPerSecond / nginxRps >= 0.04 && !measured.failures
              : "skip",
      });
      recordResult({
        issue: 6,
        name: `${name}: p99`,
        value: `${measured.p99} ms`,
        target: p99Target ? `< ${p99Target} ms` : "reported",
        pass: p99Target ? measured.p99 < p99Target && !measured.failures : undefined,
      });
    };
    recordResult({
      issue: 6,
      name: "(a) node static file, same size: req/s, p99",
      value: `${node.toFixed(0)}, ${results.node.p99} ms`,
      target: "baseline",
    });
    recordResult({
      issue: 6,
      name: "(b) nginx static file, same size: req/s, p99",
      value: results.nginx ? `${results.nginx.requestsPerSecond.toFixed(0)}, ${results.nginx.p99} ms` : noNginx,
      target: "baseline",
      pass: results.nginx ? undefined : "skip",
    });
    appRow("article", "(c) app article page, cached", 50);
    appRow("column", "(d) app column page");
    appRow("search", "(e) app search, repeated");
    appRow("distinctSearch", "(f) app search, every query new");
    const publishedRatio = results.published && nginxRps ? results.published.requestsPerSecond / nginxRps : undefined;
    recordResult({
      issue: 6,
      name: "static-published page via nginx ÷ nginx hand-written file",
      value: publishedRatio === undefined ? noNginx : `${publishedRatio.toFixed(2)}×`,
      target: "≥ 0.9×",
      pass: publishedRatio === undefined ? "skip" : publishedRatio >= 0.9,
    });
    recordResult({
      issue: 6,
      name: "article page HTML (gzip)",
      value: `${sizes.html.toLocaleString("en")} bytes`,
      target: "reported",
    });
    recordResult({
      issue: 6,
      name: "article page JavaScript (gzip)",
      value: `${sizes.js.toLocaleString("en")} bytes`,
      target: `< ${JS_BUDGET_BYTES.toLocaleString("en")} bytes`,
      pass: sizes.js < JS_BUDGET_BYTES,
    });
    for (const child of children.splice(0))
      await stop(child, child.spawnfile.endsWith("nginx") ? "SIGQUIT" : "SIGTERM");
  }
}

const CACHED_TARGET = 0.5;
/**
 * The app as nginx runs here: one worker per core (`worker_processes auto` — WEB_CONCURRENCY, at least
 * two so the cluster path is measured on any machine). One Node process answers with one core at most;
 * the one-process figures are reported beside.
 */
const WORKERS = Math.max(2, os.availableParallelism());
const PAGES = ["article", "column", "home"] as const;
const onePage = (page: string) => `cached ${page} ÷ nginx gzip bytes (wrk, one process)`;
const clusterPage = (page: string) => `cached ${page} ÷ nginx gzip bytes (wrk, WEB_CONCURRENCY=${WORKERS})`;
const loopName = (label: string) => `article p99 under a publish loop ÷ without (wrk, ${label})`;

/** Issue 18: the cached pages against nginx and a bare node server sending the same gzip bytes, with wrk. */
async function wrkRuns(context: RunContext & { html: string; column: string }): Promise<void> {
  const { app, clusterApp, urls, served, html, nginx, scratchUrl, column, work, children } = context;
  const wrk = wrkBinary();
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  if (!wrk || !nginx) {
    const missing = [!wrk && "wrk", !nginx && "nginx"].filter(Boolean).join(" and ");
    console.log(`wrk runs: ${missing} not on PATH — skipped (apt-get install wrk nginx)`);
    for (const page of PAGES) {
      recordResult({
        issue: 18,
        name: onePage(page),
        value: `${missing} not installed`,
        target: "reported",
        pass: "skip",
      });
      recordResult({
        issue: 18,
        name: clusterPage(page),
        value: `${missing} not installed`,
        target: `≥ ${CACHED_TARGET}×`,
        pass: "skip",
      });
    }
    for (const name of [loopName("one process"), loopName(`${WORKERS} workers`)])
      recordResult({ issue: 18, name, value: `${missing} not installed`, target: "reported", pass: "skip" });
    return;
  }
  const seconds = DURATION_S;
  const gzDir = path.join(served, "gz");
  await mkdir(gzDir, { recursive: true });
  // The bytes the app keeps for the page (lib/public/cache/page-cache.ts gzips at level 9).
  const gz = gzipSync(Buffer.from(html), { level: 9 });
  await writeFile(path.join(gzDir, "article.html"), html);
  await writeFile(path.join(gzDir, "article.html.gz"), gz);
  const nginxServer = await startNginx(nginx, served, work);
  children.push(nginxServer.child);
  const bare = await startNodeStatic(path.join(gzDir, "article.html.gz"), "--gzip-server");
  children.push(bare.child);
  const home = `${app.url}/`;
  const onCluster = (url: string) => clusterApp.url + url.slice(app.url.length);
  for (const url of [urls.article, urls.column, home].flatMap((url) => [url, onCluster(url), onCluster(url)])) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  }
  console.log(
    `\nwrk -t2 -c${CONNECTIONS}, ${seconds} s each, Accept-Encoding: gzip, article ${gz.length} bytes gzipped; load average ${load}`,
  );
  const run = async (name: string, url: string) => {
    await runWrk(wrk, name, url, { seconds: WARMUP_S, quiet: true });
    return runWrk(wrk, name, url, { seconds });
  };
  const results: Record<string, WrkResult> = {
    nginx: await run("nginx, gzip bytes", `${nginxServer.url}/gz/article.html`),
    bare: await run("bare node:http, gzip bytes from memory", bare.url),
    article: await run("app cached article", urls.article),
    column: await run("app cached column", urls.column),
    home: await run("app cached home", home),
    clusterArticle: await run(`app cached article, ${WORKERS} workers`, onCluster(urls.article)),
    clusterColumn: await run(`app cached column, ${WORKERS} workers`, onCluster(urls.column)),
    clusterHome: await run(`app cached home, ${WORKERS} workers`, onCluster(home)),
  };
  const base = results.nginx.requestsPerSecond;
  for (const result of Object.values(results)) {
    console.log(
      `${result.name.padEnd(42)}${result.requestsPerSecond.toFixed(0).padStart(9)} req/s${result.p99.toFixed(2).padStart(9)} ms p99${ratio(result.requestsPerSecond, base).padStart(10)} nginx`,
    );
  }
  recordResult({
    issue: 18,
    name: "nginx gzip bytes (wrk): req/s, p99",
    value: `${base.toFixed(0)}, ${results.nginx.p99.toFixed(1)} ms (load ${load})`,
    target: "baseline",
  });
  recordResult({
    issue: 18,
    name: "bare node:http gzip bytes ÷ nginx (wrk)",
    value: ratio(results.bare.requestsPerSecond, base),
    target: "reported",
  });
  const share = (measured: WrkResult) =>
    `${(measured.requestsPerSecond / base).toFixed(2)}× (${measured.requestsPerSecond.toFixed(0)} req/s, p99 ${measured.p99.toFixed(1)} ms${measured.failures ? `, ${measured.failures} failed` : ""})`;
  for (const page of PAGES) {
    recordResult({ issue: 18, name: onePage(page), value: share(results[page]), target: "reported" });
    const measured = results[`cluster${page[0].toUpperCase()}${page.slice(1)}` as "clusterArticle"];
    recordResult({
      issue: 18,
      name: clusterPage(page),
      value: share(measured),
      target: `≥ ${CACHED_TARGET}×`,
      pass: measured.requestsPerSecond / base >= CACHED_TARGET && !measured.failures,
    });
  }
  for (const child of [nginxServer.child, bare.child])
    await stop(child, child === nginxServer.child ? "SIGQUIT" : "SIGTERM");

  // Throughput under publishing: the same page, measured without and then with the publish loop.
  const loop = await preparePublishLoop(scratchUrl, column);
  try {
    for (const [server, label] of [
      [app, "one process"],
      [clusterApp, `${WORKERS} workers`],
    ] as const) {
      const target = `${server.url}/articles/${loop.targetSlug}.html`;
      await fetch(target);
      const quiet = await run(`column's newest article (${label}), no publishing`, target);
      loop.start();
      const busy = await runWrk(wrk, `column's newest article (${label}), publish loop running`, target, { seconds });
      const counts = await loop.stop();
      const factor = busy.p99 / quiet.p99;
      console.log(
        `publish loop (${label}): ${counts.publishes} publications and ${counts.withdrawals} withdrawals in ${seconds} s; p99 ${quiet.p99.toFixed(1)} → ${busy.p99.toFixed(1)} ms (${factor.toFixed(2)}×)`,
      );
      recordResult({
        issue: 18,
        name: loopName(label),
        value: `${factor.toFixed(2)}× (${quiet.p99.toFixed(1)} → ${busy.p99.toFixed(1)} ms; ${counts.publishes} publishes + ${counts.withdrawals} withdrawals; ${busy.requestsPerSecond.toFixed(0)} req/s)`,
        target: "reported",
      });
    }
  } finally {
    await loop.close();
  }
}

if (process.argv[2] === "--static-server") {
  runStaticServer(String(process.argv[3]), Number(process.argv[4]));
} else if (process.argv[2] === "--gzip-server") {
  runGzipServer(String(process.argv[3]), Number(process.argv[4]));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
