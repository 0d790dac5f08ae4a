-- AlterEnum
ALTER TYPE "ApprovalKind" ADD VALUE 'RESET_TOTP';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "totpEnabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpSecret" VARCHAR(200);
