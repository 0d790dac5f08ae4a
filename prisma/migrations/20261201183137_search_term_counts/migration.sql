-- CreateTable
CREATE TABLE "SearchTermCount" (
    "kind" CHAR(1) NOT NULL,
    "token" TEXT NOT NULL,
    "df" INTEGER NOT NULL,

    CONSTRAINT "SearchTermCount_pkey" PRIMARY KEY ("kind","token")
);

-- CreateTable
CREATE TABLE "SearchTermDelta" (
    "id" BIGSERIAL NOT NULL,
    "kind" CHAR(1) NOT NULL,
    "token" TEXT NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "SearchTermDelta_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchTermDelta_kind_token_idx" ON "SearchTermDelta"("kind", "token");
