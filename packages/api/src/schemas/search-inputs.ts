import { QUERY_LIMITS, SEARCH_PANEL_LIMITS } from '@kubetrail/core';
import { MAX_QUERY_LENGTH } from '@kubetrail/query';
import { z } from 'zod';

// The project comes from projectProcedure's own input (ProjectInputSchema).
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const scope = {
  /** one cluster of the project; all of them when absent */
  clusterId: z.string().min(1).max(100).optional(),
  from: instant,
  to: instant,
  query: z.string().max(MAX_QUERY_LENGTH),
};

const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);

function withRange<T extends z.ZodType<{ from: Date; to: Date }>>(schema: T) {
  return schema.refine((input) => input.from < input.to, { message: 'from must be before to', path: ['to'] });
}

export const SearchRunInputSchema = withRange(
  z.object({
    ...scope,
    limit: wholeNumber(1, QUERY_LIMITS.maxEvents).optional(),
    offset: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  }),
);
export type SearchRunInput = z.input<typeof SearchRunInputSchema>;

export const SearchHistogramInputSchema = withRange(
  z.object({ ...scope, buckets: wholeNumber(1, SEARCH_PANEL_LIMITS.maxBuckets).optional() }),
);
export type SearchHistogramInput = z.input<typeof SearchHistogramInputSchema>;

export const SearchFacetsInputSchema = withRange(
  z.object({
    ...scope,
    fields: z.array(z.string().min(1).max(200)).min(1).max(SEARCH_PANEL_LIMITS.maxFields),
    top: wholeNumber(1, SEARCH_PANEL_LIMITS.maxTop).optional(),
  }),
);
export type SearchFacetsInput = z.input<typeof SearchFacetsInputSchema>;
