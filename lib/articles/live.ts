import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A LIVE article: it has a published revision and is not withdrawn — what readers can reach, what the
 * published-text sweep (lib/checks/sweep.ts) and 网站体检 (lib/inspection/run.ts) look at. The public
 * reads (lib/public/data/queries.ts) add that only the published revision is ever read.
 */
export const LIVE = {
  publishedRevisionId: { not: null },
  withdrawnAt: null,
} as const satisfies Prisma.ArticleWhereInput;
