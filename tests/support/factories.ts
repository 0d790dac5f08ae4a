import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** A Prisma client on this test file's own database (see tests/support/environment.ts). */
export function testDb(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: integration tests get one from the jest environment");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}
