-- CreateTable
CREATE TABLE "SearchDocument" (
    "articleId" UUID NOT NULL,
    "columnId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "bigrams" TEXT[],
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SearchDocument_pkey" PRIMARY KEY ("articleId")
);

-- CreateIndex
CREATE INDEX "SearchDocument_bigrams_idx" ON "SearchDocument" USING GIN ("bigrams");

-- CreateIndex
CREATE INDEX "SearchDocument_publishedAt_articleId_idx" ON "SearchDocument"("publishedAt" DESC, "articleId" DESC);
