-- AlterTable
ALTER TABLE "SensitiveTerm" ADD COLUMN     "wholeWord" BOOLEAN NOT NULL DEFAULT false;
