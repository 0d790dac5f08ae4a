-- CreateEnum
CREATE TYPE "InspectionRunStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "InspectionTrigger" AS ENUM ('MANUAL', 'SCHEDULED');

-- CreateEnum
CREATE TYPE "InspectionSeverity" AS ENUM ('VETO', 'SERIOUS', 'MINOR');

-- AlterEnum
ALTER TYPE "JobKind" ADD VALUE 'INSPECTION';

-- AlterTable
ALTER TABLE "Job" ALTER COLUMN "articleId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "InspectionRun" (
    "id" UUID NOT NULL,
    "status" "InspectionRunStatus" NOT NULL DEFAULT 'RUNNING',
    "trigger" "InspectionTrigger" NOT NULL,
    "startedById" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "phase" VARCHAR(20) NOT NULL DEFAULT 'queued',
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "score" DOUBLE PRECISION,
    "vetoCount" INTEGER NOT NULL DEFAULT 0,
    "findingCount" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "pagesChecked" INTEGER NOT NULL DEFAULT 0,
    "linksChecked" INTEGER NOT NULL DEFAULT 0,
    "externalChecked" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "InspectionRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionFinding" (
    "id" UUID NOT NULL,
    "key" CHAR(64) NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "severity" "InspectionSeverity" NOT NULL,
    "page" VARCHAR(500) NOT NULL,
    "element" VARCHAR(1000) NOT NULL,
    "evidence" TEXT NOT NULL,
    "external" BOOLEAN NOT NULL DEFAULT false,
    "columnId" UUID,
    "articleId" UUID,
    "firstSeenRunId" UUID NOT NULL,
    "lastSeenRunId" UUID NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedRunId" UUID,

    CONSTRAINT "InspectionFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InspectionRun_startedAt_idx" ON "InspectionRun"("startedAt" DESC);

-- CreateIndex
CREATE INDEX "InspectionFinding_key_resolvedAt_idx" ON "InspectionFinding"("key", "resolvedAt");

-- CreateIndex
CREATE INDEX "InspectionFinding_lastSeenRunId_kind_idx" ON "InspectionFinding"("lastSeenRunId", "kind");

-- CreateIndex
CREATE INDEX "InspectionFinding_resolvedAt_lastSeenAt_idx" ON "InspectionFinding"("resolvedAt", "lastSeenAt");
