import { STATIC_DIR } from "../support/static-dir-env";
import type { CurrentUser } from "@/lib/auth/session";

let signedIn: CurrentUser | null = null;
jest.mock("@/lib/auth/session", () => {
  const signedInUser = async () => {
    if (!signedIn) throw new Error("nobody signed in");
    return signedIn;
  };
  return {
    ...jest.requireActual("@/lib/auth/session"),
    requireUser: jest.fn(signedInUser),
    requireUserForAction: jest.fn(signedInUser),
  };
});
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

import { isValidElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { PendingEffects } from "@/components/admin/PendingEffects";
import DashboardPage from "@/app/admin/(staff)/page";
import ReviewPage from "@/app/admin/(staff)/review/[id]/page";
import { withdrawAction } from "@/app/admin/(staff)/review/actions";
import { outboxText } from "@/lib/public/publish/outbox";
import { formData } from "../support/server-action-session";
import { execFile } from "node:child_process";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { stopCacheBus } from "@/lib/public/cache/cache-bus";
import { pendingEffects, runDueEffects } from "@/lib/public/publish/outbox";
import { publishStaticSite, verifyStaticSite, withdrawnMarker } from "@/lib/public/publish/static-site";
import { runDueJobs } from "@/lib/workflow/scheduler";
import { transition, transitionInTx } from "@/lib/workflow/transition";
import { asCurrentUser, createUser, testDb, type TestUser } from "../support/factories";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * After-commit effects as an outbox (issue 12, findings 8 and 9): a withdrawal that commits reaches
 * the static copy even when the process dies right after the commit or the static write fails, the
 * reviewer is told the truth (success, effects pending) instead of a 500, and verify:static compares
 * the copy with what the database says is live.
 */

const run = promisify(execFile);
const SECRET = process.env.AUTH_SECRET ?? "";
const dir = STATIC_DIR ?? "";
const later = (ms: number) => new Date(Date.now() + ms);
const exists = (file: string) =>
  readFile(path.join(dir, file)).then(
    () => true,
    () => false,
  );

/**
 * The PendingEffects element a server page returned, found in its element tree (the page's client
 * components need Next's router to render, the status box does not).
 */
function pendingEffectsIn(node: unknown): ReactElement | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = pendingEffectsIn(child);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement(node)) return null;
  if (node.type === PendingEffects) return node;
  return pendingEffectsIn((node.props as { children?: unknown }).children);
}

describe("the publication outbox", () => {
  let db: PrismaClient;
  let finalReviewer: TestUser;

  async function lockVersion(articleId: string) {
    return (await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { lockVersion: true } }))
      .lockVersion;
  }

  beforeAll(async () => {
    db = testDb();
    await createBasics(db);
    finalReviewer = await createUser(db, [{ role: "REVIEWER", level: 3 }]);
    for (let i = 0; i < 3; i++) {
      await createArticle(db, {
        slug: `ob-${i}`,
        title: `发布任务测试${i}`,
        columnSlug: "gongzuo-dongtai",
        body: paragraphs(`正文${i}`),
        publishedAt: new Date(Date.UTC(2026, 0, 1, i)),
      });
    }
    await publishStaticSite(db, dir, SECRET);
  });

  afterAll(async () => {
    await stopCacheBus();
    await db.$disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  it("a crash right after a withdrawal commits: verify:static reports the stale copy, the job runner fixes it (finding 8)", async () => {
    const article = await db.article.findUniqueOrThrow({ where: { slug: "ob-1" }, select: { id: true } });
    expect((await verifyStaticSite(dir, SECRET, db)).stale).toEqual([]);
    // The transaction commits and nothing after it runs: what a kill 8 ms after the commit leaves.
    const version = await lockVersion(article.id);
    await db.$transaction((tx) =>
      transitionInTx(
        tx,
        { kind: "user", user: finalReviewer },
        { articleId: article.id, event: "withdraw", reason: "内容有误", lockVersion: version },
      ),
    );
    expect(await exists("articles/ob-1.html")).toBe(true);

    const report = await verifyStaticSite(dir, SECRET, db);
    expect(report.stale).toEqual(
      expect.arrayContaining([
        expect.stringContaining("articles/ob-1.html"),
        expect.stringContaining("/articles/ob-1.html"),
        expect.stringContaining("index.html"),
        expect.stringContaining("1 publication effects pending"),
      ]),
    );
    expect((await pendingEffects(db, article.id)).total).toBe(1);
    // The command an operator runs from cron says so and exits 1 (it exited 0 before: finding 8).
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const cli = () =>
      run(tsx, ["--conditions=react-server", "scripts/publish-static.ts", "verify", dir], {
        env: { ...process.env, NODE_ENV: "production" },
      });
    await expect(cli()).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining("withdrawn but still published: articles/ob-1.html"),
    });

    // Any instance's job runner picks the row up and brings the copy in line.
    await runDueJobs(db, later(1000));
    expect(await exists("articles/ob-1.html")).toBe(false);
    expect(await exists(withdrawnMarker("/articles/ob-1.html"))).toBe(true);
    expect(await readFile(path.join(dir, "index.html"), "utf8")).not.toContain("发布任务测试1");
    expect(await verifyStaticSite(dir, SECRET, db)).toEqual({
      manifestValid: true,
      modified: [],
      missing: [],
      unexpected: [],
      stale: [],
    });
    expect((await pendingEffects(db)).total).toBe(0);
    expect((await cli()).stdout).toContain("all files match");
  }, 120_000);

  it("a failing static write: the withdrawal is a success with a notice, never an error, and is retried until done (finding 9)", async () => {
    const article = await db.article.findUniqueOrThrow({ where: { slug: "ob-2" }, select: { id: true } });
    // The static disk refuses writes: a file where the articles directory must be.
    await rename(path.join(dir, "articles"), path.join(dir, "articles-away"));
    await writeFile(path.join(dir, "articles"), "not a directory");
    try {
      const result = await transition(db, finalReviewer, {
        articleId: article.id,
        event: "withdraw",
        reason: "需要撤回",
        lockVersion: await lockVersion(article.id),
      });
      expect(result).toMatchObject({ status: "WITHDRAWN", effectsPending: 1 });
      const pending = await pendingEffects(db, article.id);
      expect(pending.total).toBe(1);
      expect(pending.items[0]).toMatchObject({ attempts: 1, lastError: expect.any(String) });
      // Not due yet (backed off), and still failing when it is.
      expect(await runDueEffects(db, new Date())).toEqual([]);
      expect(await runDueEffects(db, later(60_000))).toEqual(["retry"]);
      expect((await pendingEffects(db)).items[0]?.attempts).toBe(2);
    } finally {
      await rm(path.join(dir, "articles"));
      await rename(path.join(dir, "articles-away"), path.join(dir, "articles"));
    }
    expect((await verifyStaticSite(dir, SECRET, db)).stale).toEqual(
      expect.arrayContaining([expect.stringContaining("articles/ob-2.html")]),
    );
    expect(await runDueEffects(db, later(10 * 60_000))).toEqual(["done"]);
    expect(await exists("articles/ob-2.html")).toBe(false);
    expect(await verifyStaticSite(dir, SECRET, db)).toEqual({
      manifestValid: true,
      modified: [],
      missing: [],
      unexpected: [],
      stale: [],
    });
  });

  const reviewerSession = (): CurrentUser => ({ ...asCurrentUser(finalReviewer), totpEnabled: false });

  it("tells the reviewer the truth: 撤稿 answers success with the pending notice; the dashboard and the review page list the effect (finding 9)", async () => {
    const article = await db.article.findUniqueOrThrow({ where: { slug: "ob-0" }, select: { id: true } });
    signedIn = reviewerSession();
    await rename(path.join(dir, "articles"), path.join(dir, "articles-away"));
    await writeFile(path.join(dir, "articles"), "not a directory");
    try {
      const answer = await withdrawAction(
        { status: "idle" } as never,
        formData({ articleId: article.id, lockVersion: String(await lockVersion(article.id)), reason: "需要撤回" }),
      );
      expect(answer).toMatchObject({ status: "ok", message: expect.stringContaining(outboxText.pendingNotice) });
      expect(await db.article.findUniqueOrThrow({ where: { id: article.id }, select: { status: true } })).toEqual({
        status: "WITHDRAWN",
      });
      for (const page of [
        await DashboardPage({ searchParams: Promise.resolve({}) }),
        await ReviewPage({ params: Promise.resolve({ id: article.id }) }),
      ]) {
        const shown = pendingEffectsIn(page);
        expect(shown).not.toBeNull();
        const html = renderToStaticMarkup(shown);
        expect(html).toContain(outboxText.pendingTitle);
        expect(html).toContain(outboxText.failedItem(1, ""));
      }
    } finally {
      signedIn = null;
      await rm(path.join(dir, "articles"));
      await rename(path.join(dir, "articles-away"), path.join(dir, "articles"));
    }
    expect(await runDueEffects(db, later(10 * 60_000))).toEqual(["done"]);
    signedIn = { ...reviewerSession(), id: finalReviewer.id };
    const done = pendingEffectsIn(await DashboardPage({ searchParams: Promise.resolve({}) }));
    signedIn = null;
    expect(done === null || renderToStaticMarkup(done) === "").toBe(true);
  });

  it("re-publishing removes the 410 marker after the page is back, and verify checks the published revision", async () => {
    const article = await db.article.findUniqueOrThrow({
      where: { slug: "ob-1" },
      select: { id: true, currentRevisionId: true },
    });
    // Back on the site the way a publication leaves it (the workflow path is tested in workflow.test.ts).
    await db.article.update({
      where: { id: article.id },
      data: { status: "PUBLISHED", withdrawnAt: null, withdrawnReason: null },
    });
    expect((await verifyStaticSite(dir, SECRET, db)).stale).toEqual(
      expect.arrayContaining([
        expect.stringContaining("live but missing: articles/ob-1.html"),
        expect.stringContaining("live but marked withdrawn: /articles/ob-1.html"),
      ]),
    );
    const { afterPublicationChange } = await import("@/lib/public/publish/publication-events");
    expect(await afterPublicationChange([article.id], db)).toEqual({ pending: 0 });
    expect(await exists("articles/ob-1.html")).toBe(true);
    expect(await exists(withdrawnMarker("/articles/ob-1.html"))).toBe(false);
    expect((await verifyStaticSite(dir, SECRET, db)).stale).toEqual([]);

    // A page that shows another revision than the published one is reported.
    await mkdir(path.join(dir, "articles"), { recursive: true });
    const manifestFile = path.join(dir, ".cms-manifest.json");
    const manifest = await readFile(manifestFile, "utf8");
    const other = await db.revision.create({
      data: {
        articleId: article.id,
        number: 2,
        title: "新版本",
        body: paragraphs("新") as object,
        html: "<p>新</p>",
        plainText: "新",
        contentHash: "f".repeat(64),
        authorId: finalReviewer.id,
      },
    });
    await db.article.update({ where: { id: article.id }, data: { publishedRevisionId: other.id } });
    expect((await verifyStaticSite(dir, SECRET, db)).stale).toEqual([
      expect.stringContaining("not the published revision: articles/ob-1.html"),
    ]);
    expect(await readFile(manifestFile, "utf8")).toBe(manifest);
  });
});
