-- CreateEnum
CREATE TYPE "TermSweepStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- AlterEnum
ALTER TYPE "JobKind" ADD VALUE 'TERM_SWEEP';

-- CreateTable
CREATE TABLE "TermSweepRun" (
    "id" UUID NOT NULL,
    "status" "TermSweepStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "articleCount" INTEGER NOT NULL DEFAULT 0,
    "hitCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "TermSweepRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TermSweepHit" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "columnId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "field" VARCHAR(30) NOT NULL,
    "rule" VARCHAR(20) NOT NULL,
    "level" "TermLevel" NOT NULL,
    "term" TEXT NOT NULL,
    "suggestion" TEXT NOT NULL DEFAULT '',
    "message" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL,
    "location" JSONB NOT NULL,

    CONSTRAINT "TermSweepHit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TermSweepRun_status_startedAt_idx" ON "TermSweepRun"("status", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "TermSweepHit_runId_columnId_idx" ON "TermSweepHit"("runId", "columnId");

-- CreateIndex
CREATE INDEX "TermSweepHit_articleId_idx" ON "TermSweepHit"("articleId");

-- AddForeignKey
ALTER TABLE "TermSweepHit" ADD CONSTRAINT "TermSweepHit_runId_fkey" FOREIGN KEY ("runId") REFERENCES "TermSweepRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TermSweepHit" ADD CONSTRAINT "TermSweepHit_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
