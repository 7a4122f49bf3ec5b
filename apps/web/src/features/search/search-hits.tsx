'use client';
import { Alert, Grid, Group, Pagination, Skeleton, Stack, Text } from '@mantine/core';
import { count } from '../../lib/format';
import { ColumnChooser } from './column-chooser';
import { EventsTable } from './events-table';
import { FacetSidebar } from './facet-sidebar';
import { SearchHistogram } from './search-histogram';
import type { Facets, Histogram, SearchAnswer } from './search-types';
import { useVisibleColumns } from './use-visible-columns';

interface Props {
  answer: SearchAnswer;
  histogram: Histogram | undefined;
  facets: Facets | undefined;
  page: number;
  pages: number;
  onPage: (page: number) => void;
  onFilter: (field: string, value: string | null) => void;
}

/** A search's matches: how many, when, their top values and one page of them. */
export function SearchHits({ answer, histogram, facets, page, pages, onPage, onFilter }: Props) {
  const { columns, ids, setIds } = useVisibleColumns();
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 3, xl: 2 }}>
        {facets ? <FacetSidebar facets={facets} onFilter={onFilter} /> : <Skeleton h={300} aria-label="Loading top values" />}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 9, xl: 10 }}>
        <Stack gap="sm">
          <Text fw={600}>
            <span data-testid="result-total">{count(answer.total)}</span> {answer.total === 1 ? 'event' : 'events'}
          </Text>
          {histogram ? <SearchHistogram histogram={histogram} /> : <Skeleton h={170} aria-label="Loading the histogram" />}
          {answer.total === 0 ? (
            <Alert title="No events match">Widen the time range, choose all clusters, or loosen the query.</Alert>
          ) : (
            <>
              <Group justify="space-between" align="flex-end">
                <ColumnChooser value={ids} onChange={setIds} />
                {pages > 1 && <Pagination total={pages} value={page} onChange={onPage} size="sm" />}
              </Group>
              <EventsTable events={answer.events} columns={columns} />
            </>
          )}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
