import { z } from "zod";
import { calendarDay, cleanText, positiveBigint } from "@/lib/http/params";

const day = calendarDay().optional().catch(undefined);
const cursor = z
  .string()
  .refine((value) => positiveBigint(value) !== null)
  .optional()
  .catch(undefined);

/** The auditor's list filters, from the query string; anything malformed means "no filter". */
export const auditListQuerySchema = z.object({
  from: day,
  to: day,
  actor: cleanText(400).trim().max(100).optional().catch(undefined),
  action: cleanText(400).trim().max(64).optional().catch(undefined),
  target: cleanText(800).trim().max(200).optional().catch(undefined),
  /** Keyset cursors: events older than `before`, or newer than `after`. */
  before: cursor,
  after: cursor,
});

export type AuditListQuery = z.output<typeof auditListQuerySchema>;
