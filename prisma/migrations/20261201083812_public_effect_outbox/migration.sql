-- CreateEnum
CREATE TYPE "PublicEffectKind" AS ENUM ('ARTICLES', 'SITE');

-- CreateTable
CREATE TABLE "PublicEffect" (
    "id" UUID NOT NULL,
    "kind" "PublicEffectKind" NOT NULL,
    "articleIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "doneAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "runAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicEffect_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PublicEffect_doneAt_runAt_idx" ON "PublicEffect"("doneAt", "runAt");
