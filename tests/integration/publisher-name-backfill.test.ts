import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createArticle } from "@/lib/articles/commands";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { LocalDiskStorage } from "@/lib/media/storage";
import { seedDemo } from "@/lib/seed/seed-demo";
import { transition } from "@/lib/workflow/transition";
import { articleInput, createUser, ownerDb, testDb, type RoleGrant } from "../support/factories";

/**
 * The migration that gives articles published before `publisherName` existed their 责任编辑 fallback:
 * who published the live revision (audit log), else the 终审 who approved it.
 */
const MIGRATION = path.join(__dirname, "../../prisma/migrations/20261201150000_publisher_name_backfill/migration.sql");

const db: PrismaClient = testDb();
const owner: PrismaClient = ownerDb();

let uploads = "";

afterAll(async () => {
  await rm(uploads, { recursive: true, force: true });
  await db.$disconnect();
  await owner.$disconnect();
});

const makeUser = (roles: RoleGrant[], displayName: string) => createUser(db, roles, { displayName });

it("fills 责任编辑's fallback from the publishing account, else the highest approving reviewer", async () => {
  // Demo content: published without going through the workflow, so no article.publish audit event.
  uploads = await mkdtemp(path.join(os.tmpdir(), "backfill-"));
  await seedDemo(db, new LocalDiskStorage(uploads));
  const column = await db.column.create({ data: { slug: "backfill-col", name: "工作动态", reviewLevels: 3 } });
  const editor = await makeUser([{ role: "EDITOR" }], "王编辑");
  const first = await makeUser([{ role: "REVIEWER", level: 1 }], "初审甲");
  const second = await makeUser([{ role: "REVIEWER", level: 2 }], "复审乙");
  const approver = await makeUser([{ role: "REVIEWER", level: 3 }], "终审丙");
  const publisher = await makeUser([{ role: "REVIEWER", level: 3 }], "终审丁");
  const { articleId } = await createArticle(db, editor, articleInput(column.id, "经工作流发布的稿件"));
  const steps = [
    [editor, "submit"],
    [first, "approve"],
    [second, "approve"],
    [approver, "approve"],
    [publisher, "publish"],
  ] as const;
  for (const [actor, event] of steps) {
    const { lockVersion } = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    await transition(db, actor, { articleId, event, lockVersion });
  }
  const draft = await db.article.findFirstOrThrow({ where: { status: "DRAFT" }, select: { id: true } });

  // As a database from before publisherName existed: every article without it.
  await owner.article.updateMany({ data: { publisherName: "" } });
  await owner.$executeRawUnsafe(await readFile(MIGRATION, "utf8"));

  const demoFinal = await db.user.findUniqueOrThrow({ where: { username: "reviewer3" } });
  const rows = await db.article.findMany({ select: { id: true, status: true, publisherName: true } });
  for (const row of rows) {
    if (row.id === articleId) expect(row.publisherName).toBe("终审丁");
    else if (row.status === "PUBLISHED") expect(row.publisherName).toBe(demoFinal.displayName);
  }
  expect(rows.find((row) => row.id === draft.id)?.publisherName).toBe("");
});
