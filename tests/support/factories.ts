import { randomUUID } from "node:crypto";
import { encryptTotpSecret } from "@/lib/auth/totp";
import type { CreateArticleInput } from "@/lib/articles/schemas";
import type { CurrentUser } from "@/lib/auth/session-store";
import { PrismaClient, type User } from "@/lib/generated/prisma/client";
import type { Role, UserStatus } from "@/lib/generated/prisma/enums";
import { cliAdapter } from "@/lib/db-pool";

/** A Prisma client on this test file's own database (see tests/support/environment.ts). */
export function testDb(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString)
    throw new Error("DATABASE_URL is not set: integration tests get one from the jest environment");
  return new PrismaClient({ adapter: cliAdapter(connectionString) });
}

/**
 * The same database as its owner (MIGRATION_DATABASE_URL): for what the app's role may not do, such as
 * tampering with the audit trail the way a database administrator could.
 */
export function ownerDb(): PrismaClient {
  const connectionString = process.env.MIGRATION_DATABASE_URL;
  if (!connectionString)
    throw new Error("MIGRATION_DATABASE_URL is not set: integration tests get one from the jest environment");
  return new PrismaClient({ adapter: cliAdapter(connectionString) });
}

/** A role as granted to an account: reviewers have a level and may be limited to one column. */
export interface RoleGrant {
  role: Role;
  level?: number | null;
  columnId?: string | null;
}

export interface TestUserOptions {
  /** Defaults to a fresh, unique one. */
  username?: string;
  displayName?: string;
  status?: UserStatus;
  /** Whether the account has enrolled its second factor (default true, under TEST_TOTP_SECRET). */
  secondFactor?: boolean;
}

/** The TOTP key of every test account made with a second factor (compute codes with totpCode). */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export type TestUser = User & { roles: CurrentUser["roles"] };

/** Shaped like an argon2id hash, so code that reads stored hashes accepts it; no password matches it. */
const UNUSABLE_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$placeholder$placeholder";

let userSequence = 0;

/**
 * An account straight in the database (the code under test is elsewhere), already past its first
 * password change and its second-factor enrolment, with the roles given: one role name, or grants
 * with levels and columns.
 */
export async function createUser(
  db: PrismaClient,
  roles: Role | RoleGrant[],
  options: TestUserOptions = {},
): Promise<TestUser> {
  userSequence += 1;
  const username = options.username ?? `user${userSequence}_${Date.now().toString(36)}`;
  const grants = typeof roles === "string" ? [{ role: roles }] : roles;
  const id = randomUUID();
  const enrolled = options.secondFactor ?? true;
  return db.user.create({
    data: {
      id,
      totpSecret: enrolled ? encryptTotpSecret(id, TEST_TOTP_SECRET) : null,
      totpEnabledAt: enrolled ? new Date() : null,
      username,
      displayName: options.displayName ?? `测试用户 ${username}`,
      passwordHash: UNUSABLE_PASSWORD_HASH,
      mustChangePassword: false,
      status: options.status,
      roles: {
        create: grants.map((grant) => ({
          role: grant.role,
          level: grant.level ?? null,
          columnId: grant.columnId ?? null,
        })),
      },
    },
    include: { roles: { select: { role: true, level: true, columnId: true } } },
  });
}

/** The signed-in user a server action sees for this account: holding this one role, or (none given) the account's own. */
export function asCurrentUser(
  user: Pick<User, "id" | "username" | "displayName"> & { roles?: CurrentUser["roles"] },
  role?: Role,
): CurrentUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    sessionId: "test-session",
    mustChangePassword: false,
    mustEnrolTotp: false,
    totpEnabled: true,
    roles: role ? [{ role, level: null, columnId: null }] : (user.roles ?? []),
  };
}

/** `createUser` with one role, signed in. */
export async function createCurrentUser(db: PrismaClient, role: Role, username?: string): Promise<CurrentUser> {
  return asCurrentUser(await createUser(db, role, { username }), role);
}

/** A new article's input with every optional field empty and a one-paragraph body, 「<title>的正文。」. */
export function articleInput(
  columnId: string,
  title: string,
  extra: Partial<CreateArticleInput> = {},
): CreateArticleInput {
  return {
    title,
    seriesMark: "",
    columnId,
    source: "区委宣传部",
    byline: "",
    summary: "",
    lead: "",
    coverId: null,
    profileId: null,
    body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `${title}的正文。` }] }] },
    ...extra,
  };
}
