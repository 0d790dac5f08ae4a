-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "meta" JSONB NOT NULL DEFAULT '{}';
