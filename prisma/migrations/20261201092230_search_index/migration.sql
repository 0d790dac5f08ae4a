-- CreateTable
CREATE TABLE "SearchIndex" (
    "articleId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "lead" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "grams" TEXT[],
    "words" TEXT[],
    "titleWords" TEXT[],
    "length" INTEGER NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SearchIndex_pkey" PRIMARY KEY ("articleId")
);

-- CreateTable
CREATE TABLE "SearchIndexPending" (
    "articleId" UUID NOT NULL,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchIndexPending_pkey" PRIMARY KEY ("articleId")
);

-- CreateTable
CREATE TABLE "SearchSynonym" (
    "id" UUID NOT NULL,
    "words" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SearchSynonym_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchIndex_grams_idx" ON "SearchIndex" USING GIN ("grams");

-- CreateIndex
CREATE INDEX "SearchIndex_words_idx" ON "SearchIndex" USING GIN ("words");

-- CreateIndex
CREATE INDEX "SearchIndex_titleWords_idx" ON "SearchIndex" USING GIN ("titleWords");

-- CreateIndex
CREATE INDEX "SearchIndex_publishedAt_articleId_idx" ON "SearchIndex"("publishedAt" DESC, "articleId" DESC);

-- CreateIndex
CREATE INDEX "SearchIndexPending_queuedAt_idx" ON "SearchIndexPending"("queuedAt");
