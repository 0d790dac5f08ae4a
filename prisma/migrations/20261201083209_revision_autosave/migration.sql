-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "autosave" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Existing revisions were each written once: their last write is their creation.
UPDATE "Revision" SET "updatedAt" = "createdAt";
