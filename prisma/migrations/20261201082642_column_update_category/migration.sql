-- CreateEnum
CREATE TYPE "ColumnUpdateCategory" AS ENUM ('NEWS', 'NOTICE', 'PLANNING', 'EXEMPT');

-- AlterTable
ALTER TABLE "Column" ADD COLUMN     "updateCategory" "ColumnUpdateCategory" NOT NULL DEFAULT 'NEWS';

-- Existing columns get the default of their list style (lib/columns/update-category.ts): a profile
-- grid such as 先锋 is a standing series, 通知公告类 (6 months); news lists stay 动态要闻类.
UPDATE "Column" SET "updateCategory" = 'NOTICE' WHERE "listStyle" = 'PROFILE_GRID';
