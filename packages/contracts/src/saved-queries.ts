import { z } from 'zod';
import { DisplayNameSchema } from './display-name';

/**
 * A search saved under a name for the project; saving a name again
 * replaces its query and description. Strict: an unknown field is an
 * error, not ignored. That the query parses is checked by core.
 */
export const SavedQueryInputSchema = z
  .object({
    name: DisplayNameSchema,
    /** a query in the SLS dialect, as the search box holds it */
    query: z.string().min(1).max(20_000),
    description: z.string().max(2_000).default(''),
  })
  .strict();
export type SavedQueryInput = z.input<typeof SavedQueryInputSchema>;
export type SavedQuerySpec = z.infer<typeof SavedQueryInputSchema>;
