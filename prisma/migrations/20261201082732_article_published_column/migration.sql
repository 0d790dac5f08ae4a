-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "publishedColumnId" UUID;

-- CreateTable
CREATE TABLE "LiveMedia" (
    "holder" VARCHAR(64) NOT NULL,
    "mediaId" UUID NOT NULL,

    CONSTRAINT "LiveMedia_pkey" PRIMARY KEY ("holder","mediaId")
);

-- CreateIndex
CREATE INDEX "LiveMedia_mediaId_idx" ON "LiveMedia"("mediaId");

-- CreateIndex
CREATE INDEX "Article_publishedColumnId_idx" ON "Article"("publishedColumnId");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_publishedColumnId_fkey" FOREIGN KEY ("publishedColumnId") REFERENCES "Column"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
