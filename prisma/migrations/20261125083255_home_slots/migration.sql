-- CreateEnum
CREATE TYPE "HomeSlotKind" AS ENUM ('HEADLINE', 'FOCUS');

-- CreateTable
CREATE TABLE "HomeSlot" (
    "id" UUID NOT NULL,
    "kind" "HomeSlotKind" NOT NULL,
    "articleId" UUID NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HomeSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HomeSlot_kind_sortOrder_idx" ON "HomeSlot"("kind", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "HomeSlot_kind_articleId_key" ON "HomeSlot"("kind", "articleId");

-- AddForeignKey
ALTER TABLE "HomeSlot" ADD CONSTRAINT "HomeSlot_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
