-- CreateEnum
CREATE TYPE "ImportFormat" AS ENUM ('WXR', 'HTML', 'FEED');

-- CreateEnum
CREATE TYPE "ImportBatchStatus" AS ENUM ('QUEUED', 'PREPARING', 'READY', 'APPROVED', 'PUBLISHING', 'DONE', 'REJECTED', 'FAILED');

-- CreateEnum
CREATE TYPE "ImportItemStatus" AS ENUM ('READY', 'FAILED', 'PUBLISHED', 'PUBLISH_FAILED');

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" UUID NOT NULL,
    "format" "ImportFormat" NOT NULL,
    "sourceName" VARCHAR(255) NOT NULL,
    "status" "ImportBatchStatus" NOT NULL DEFAULT 'QUEUED',
    "columnId" UUID NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "skippedCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionComment" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportSourceFile" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "path" VARCHAR(1000) NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ImportSourceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportItem" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "key" VARCHAR(1000) NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" "ImportItemStatus" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "title" VARCHAR(200) NOT NULL DEFAULT '',
    "columnId" UUID,
    "articleId" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ImportItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleImport" (
    "articleId" UUID NOT NULL,
    "key" VARCHAR(1000) NOT NULL,
    "oldUrl" VARCHAR(1000) NOT NULL DEFAULT '',
    "oldPath" VARCHAR(1000),
    "batchId" UUID NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleImport_pkey" PRIMARY KEY ("articleId")
);

-- CreateIndex
CREATE INDEX "ImportBatch_status_createdAt_idx" ON "ImportBatch"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ImportBatch_createdAt_idx" ON "ImportBatch"("createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ImportSourceFile_batchId_path_key" ON "ImportSourceFile"("batchId", "path");

-- CreateIndex
CREATE INDEX "ImportItem_batchId_sequence_idx" ON "ImportItem"("batchId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "ImportItem_batchId_key_key" ON "ImportItem"("batchId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleImport_key_key" ON "ArticleImport"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleImport_oldPath_key" ON "ArticleImport"("oldPath");

-- CreateIndex
CREATE INDEX "ArticleImport_batchId_idx" ON "ArticleImport"("batchId");

-- AddForeignKey
ALTER TABLE "ImportSourceFile" ADD CONSTRAINT "ImportSourceFile_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportItem" ADD CONSTRAINT "ImportItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An imported article's record outlives nothing: articles are never deleted (no Prisma relation, so the
-- Article model stays as the article-model migration left it).
ALTER TABLE "ArticleImport" ADD CONSTRAINT "manual_article_import_article" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
