import { defineConfig } from "prisma/config";

// The datasource URL lives here since Prisma 7. `prisma generate` does not connect, so a
// placeholder keeps it working on a machine without a database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
