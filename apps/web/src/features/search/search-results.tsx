'use client';
import { Box, Skeleton } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../lib/trpc';
import { AnalyticsResult } from './analytics-result';
import { FACET_FIELDS, FACET_TOP } from './facet-fields';
import { QueryError } from './query-error';
import { isAnalyticsQuery } from './query-text';
import { SearchHits } from './search-hits';
import type { SearchScope } from './search-types';

const PAGE = 50;
// Each page further back reads more events; past this many, narrowing the search is the way on.
const MAX_PAGES = 200;

/** What one run of the search gives: an error, an analytics table, or the matches with their panels. */
export function SearchResults({ scope, onFilter }: { scope: SearchScope; onFilter: (field: string, value: string | null) => void }) {
  const trpc = useTRPC();
  const scopeKey = JSON.stringify(scope);
  // A new search starts on its first page.
  const [paging, setPaging] = useState({ scopeKey, page: 1 });
  const page = paging.scopeKey === scopeKey ? paging.page : 1;
  // The chart and facets describe a search's matches; an analytics query has its own table.
  const search = !isAnalyticsQuery(scope.query);
  const keep = { placeholderData: keepPreviousData };
  const run = useQuery({ ...trpc.search.run.queryOptions({ ...scope, limit: PAGE, offset: (page - 1) * PAGE }), ...keep });
  const histogram = useQuery({ ...trpc.search.histogram.queryOptions(scope), ...keep, enabled: search });
  const facets = useQuery({
    ...trpc.search.facets.queryOptions({ ...scope, fields: FACET_FIELDS, top: FACET_TOP }),
    ...keep,
    enabled: search,
  });

  if (run.error) return <QueryError error={run.error} query={scope.query} />;
  if (!run.data) return <Skeleton h={300} aria-label="Searching" />;
  return (
    <Box style={{ opacity: run.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }} aria-busy={run.isFetching}>
      {run.data.kind === 'analytics' ? (
        <AnalyticsResult answer={run.data} />
      ) : (
        <SearchHits
          answer={run.data}
          histogram={histogram.data}
          facets={facets.data}
          page={page}
          pages={Math.min(MAX_PAGES, Math.ceil(run.data.total / PAGE))}
          onPage={(next) => setPaging({ scopeKey, page: next })}
          onFilter={onFilter}
        />
      )}
    </Box>
  );
}
