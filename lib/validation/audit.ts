// Inputs for reading the audit log: an article's events page by page, after a sequence number.
import { z } from "zod";
import { INT4_MAX, queryInt } from "./query";

export const AuditListQuerySchema = z.object({
  limit: queryInt(1, 1000).default(500),
  cursor: queryInt(0, INT4_MAX).optional(),
});
