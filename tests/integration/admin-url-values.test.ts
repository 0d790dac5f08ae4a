import type { CurrentUser } from "@/lib/auth/session";
import { asCurrentUser, createUser, testDb, type RoleGrant } from "../support/factories";

let signedIn: CurrentUser | null = null;
jest.mock("@/lib/auth/session", () => ({
  ...jest.requireActual("@/lib/auth/session"),
  requireUser: jest.fn(async () => {
    if (!signedIn) throw new Error("nobody signed in");
    return signedIn;
  }),
}));

import CompareRevisionsPage from "@/app/admin/(staff)/articles/[id]/compare/page";
import AuditLogPage from "@/app/admin/(staff)/audit/page";
import AuditEventPage from "@/app/admin/(staff)/audit/[id]/page";
import ImportBatchPage from "@/app/admin/(staff)/import/[id]/page";
import ArticleListPage from "@/app/admin/(staff)/articles/page";
import MediaLibraryPage from "@/app/admin/(staff)/media/page";
import { createArticle, createBasics, paragraphs } from "../support/public-fixtures";

/**
 * Values in admin URLs that are text but that PostgreSQL would still refuse — a day that does not
 * exist, a number past its integer types, an id of dashes — are dropped (a filter) or answered 404 (an
 * address) before any query, never a 500 (issue 12, finding 6: the admin side of "invalid input").
 * The pages themselves run, against the real database; only the session lookup is replaced.
 */

const db = testDb();
afterAll(() => db.$disconnect());

async function as(roles: RoleGrant[]): Promise<void> {
  const user = await createUser(db, roles);
  signedIn = { ...asCurrentUser(user), totpEnabled: false };
}

/** What a page did with the request: rendered, or answered 404 (Next's notFound()), or threw. */
async function outcome(page: Promise<unknown>): Promise<string> {
  try {
    await page;
    return "rendered";
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    return typeof digest === "string" && digest.endsWith(";404") ? "404" : `threw ${String(error).slice(0, 120)}`;
  }
}

const params = <T>(value: T) => Promise.resolve(value);

describe("admin URL values PostgreSQL would refuse", () => {
  it("the audit list drops a day that does not exist and a cursor past bigint", async () => {
    await as([{ role: "AUDITOR" }]);
    for (const query of [
      { from: "2026-13-45" },
      { to: "2026-13-45" },
      { to: "2026-02-30" },
      { from: "0000-01-01" },
      { to: "9999-12-31" },
      { before: "9999999999999999999" },
      { after: "9223372036854775808" },
    ]) {
      expect([query, await outcome(AuditLogPage({ searchParams: params(query) }))]).toEqual([query, "rendered"]);
    }
  });

  it("an audit event's address past bigint is a 404", async () => {
    await as([{ role: "AUDITOR" }]);
    for (const id of ["9999999999999999999", "9223372036854775808", "0", "9223372036854775807"])
      expect([id, await outcome(AuditEventPage({ params: params({ id }) }))]).toEqual([id, "404"]);
  });

  it("the revision comparison's version numbers past integer are a 404", async () => {
    await createBasics(db);
    const articleId = await createArticle(db, {
      slug: "compare-edge",
      title: "比较版本",
      columnSlug: "gongzuo-dongtai",
      body: paragraphs("正文"),
    });
    await as([{ role: "REVIEWER", level: 1 }]);
    for (const query of [{ to: "99999999999" }, { from: "1", to: "2147483648" }, { from: "2147483647" }])
      expect([
        query,
        await outcome(CompareRevisionsPage({ params: params({ id: articleId }), searchParams: params(query) })),
      ]).toEqual([query, "404"]);
  });

  it("the article list's and the photo library's cursors: a time PostgreSQL cannot store, an id that is no id", async () => {
    await as([{ role: "EDITOR" }]);
    const id = "6b1f4a9e-0d3c-4c1e-9a57-000000000000";
    for (const after of [`0000-01-01T00:00:00Z_${id}`, `2026-01-01T00:00:00.000Z_${"-".repeat(36)}`]) {
      expect([after, await outcome(ArticleListPage({ searchParams: params({ after }) }))]).toEqual([after, "rendered"]);
    }
    for (const at of ["0000-01-01T00:00:00Z", "-100000-01-01T00:00:00Z"]) {
      const cursor = Buffer.from(`${at}|${id}`).toString("base64url");
      expect([at, await outcome(MediaLibraryPage({ searchParams: params({ cursor }) }))]).toEqual([at, "rendered"]);
    }
  });

  it("an import batch's address of 36 dashes is a 404", async () => {
    await as([{ role: "EDITOR" }]);
    const id = "-".repeat(36);
    expect(await outcome(ImportBatchPage({ params: params({ id }) }))).toBe("404");
  });
});
