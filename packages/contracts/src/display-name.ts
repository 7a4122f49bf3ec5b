import { z } from 'zod';

/** A name people give a thing of a project (an alert rule, a saved query): shown in messages, tables and menus. */
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  // A control character would forge a line where the name is shown.
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'must not contain control characters');
