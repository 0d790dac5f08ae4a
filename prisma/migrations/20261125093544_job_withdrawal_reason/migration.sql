-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "reason" VARCHAR(500);
