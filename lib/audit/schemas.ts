import { z } from "zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const cursor = z.string().regex(/^\d{1,19}$/).optional().catch(undefined);

/** The auditor's list filters, from the query string; anything malformed means "no filter". */
export const auditListQuerySchema = z.object({
  from: day,
  to: day,
  actor: z.string().trim().max(100).optional().catch(undefined),
  action: z.string().trim().max(64).optional().catch(undefined),
  target: z.string().trim().max(200).optional().catch(undefined),
  /** Keyset cursors: events older than `before`, or newer than `after`. */
  before: cursor,
  after: cursor,
});

export type AuditListQuery = z.output<typeof auditListQuerySchema>;
