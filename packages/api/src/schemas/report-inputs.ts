import { z } from 'zod';

// The project comes from projectProcedure's own input (ProjectInputSchema).
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
// Empty means no filter, as the console's cleared text boxes send it.
const filterText = z
  .string()
  .max(200)
  .optional()
  .transform((s) => s || undefined);

export const ReportInputSchema = z
  .object({
    /** one cluster of the project; all of them when absent */
    clusterId: z.string().min(1).max(100).optional(),
    from: instant,
    to: instant,
    namespace: filterText,
    user: filterText,
    code: z.number().int().min(100).max(599).optional(),
  })
  .refine((input) => input.from < input.to, { message: 'from must be before to', path: ['to'] });
export type ReportOverviewInput = z.input<typeof ReportInputSchema>;
