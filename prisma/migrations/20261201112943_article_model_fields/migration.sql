-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "displayDate" TIMESTAMPTZ(3),
ADD COLUMN     "overTitle" VARCHAR(200) NOT NULL DEFAULT '',
ADD COLUMN     "publishedDisplayDate" TIMESTAMPTZ(3),
ADD COLUMN     "publisherName" VARCHAR(100) NOT NULL DEFAULT '',
ADD COLUMN     "responsibleEditor" VARCHAR(50) NOT NULL DEFAULT '',
ADD COLUMN     "subtitle" VARCHAR(200) NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ArticleSlugRedirect" (
    "slug" VARCHAR(120) NOT NULL,
    "articleId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleSlugRedirect_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE INDEX "ArticleSlugRedirect_articleId_idx" ON "ArticleSlugRedirect"("articleId");

-- AddForeignKey
ALTER TABLE "ArticleSlugRedirect" ADD CONSTRAINT "ArticleSlugRedirect_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
