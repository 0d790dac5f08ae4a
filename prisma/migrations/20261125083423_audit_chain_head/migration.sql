-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "lastId" BIGINT NOT NULL,
    "lastHash" CHAR(64) NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id")
);
