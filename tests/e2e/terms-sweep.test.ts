/**
 * 已发布稿件复查 as its users meet it: the 安全管理员 adds a BLOCK term that a live demo article's
 * published title contains; the sweep runs after the save on its own; the 终审 sees the article listed
 * with a link to edit, and the navigation names the page. Screenshots under test-results/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { testDb } from "../support/factories";
import { useDemoSite } from "../support/demo-site";

const db = testDb();
afterAll(() => db.$disconnect());

describe("已发布稿件复查 in Chromium", () => {
  const site = useDemoSite();

  it("lists a live article after a term change, for the 终审", async () => {
    // Four Chinese characters of a live article's published title: long enough to match as written.
    const live = await db.article.findFirstOrThrow({
      where: { publishedRevisionId: { not: null }, withdrawnAt: null },
      orderBy: { publishedAt: "asc" },
      select: { id: true, publishedRevision: { select: { title: true } } },
    });
    const han = (live.publishedRevision?.title ?? "").match(/\p{Script=Han}{4}/u)?.[0];
    expect(han).toBeTruthy();
    const term = han as string;

    const admin = await site.signIn("secadmin");
    await admin.goto(`${site.app.url}/admin/terms/new`);
    await admin.getByLabel("词条", { exact: true }).fill(term);
    await admin.getByRole("radio", { name: /禁用/ }).check();
    await admin.getByRole("button", { name: "添加词条" }).click();
    await admin.getByText("词条已添加").first().waitFor();
    await admin.goto(`${site.app.url}/admin/terms/sweep`);
    await admin.getByRole("heading", { name: "已发布稿件复查" }).waitFor();
    // The sweep started after the save; the page refreshes itself while it runs.
    await admin.getByTestId("sweep-hits").getByText(term).first().waitFor({ timeout: 120_000 });
    await admin.close();

    const reviewer = await site.signIn("reviewer3");
    await reviewer.getByRole("link", { name: "已发布复查" }).first().click();
    await reviewer.waitForURL("**/admin/terms/sweep");
    const table = reviewer.getByTestId("sweep-hits");
    await table.getByText(term).first().waitFor();
    await expect(table.getByRole("link", { name: "修改稿件" }).first().getAttribute("href")).resolves.toBe(
      `/admin/articles/${live.id}`,
    );
    await reviewer.getByText(/上次复查完成于/).waitFor();
    const shots = path.join(process.cwd(), "test-results");
    await mkdir(shots, { recursive: true });
    await reviewer.screenshot({ path: path.join(shots, "terms-sweep.png"), fullPage: true });
    const notices = await db.notification.count({ where: { kind: "terms.sweep", user: { username: "reviewer3" } } });
    expect(notices).toBe(1);
    await reviewer.close();
    // Two sign-ins with a second factor may each wait for a fresh 30-second code, and the sweep runs
    // in the background: more than jest's default minute on a loaded machine (it waits 120 s above).
  }, 240_000);
});
