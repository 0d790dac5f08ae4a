-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "keyId" VARCHAR(16);
