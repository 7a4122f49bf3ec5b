'use client';
import { Alert, Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useProjects } from '../shell/project-context';
import { QueryEditor } from './query-editor';
import { withFilter } from './query-text';
import { SearchResults } from './search-results';
import type { SearchScope } from './search-types';
import { instantAt } from './time-range';
import { useSearchState } from './use-search-state';

function Search({ projectId }: { projectId: string }) {
  const { filters, ranAt, run } = useSearchState();
  const scope = useMemo<SearchScope>(
    () => ({
      projectId,
      query: filters.query,
      // filtersOf only lets readable times into the filters.
      from: instantAt(filters.from, ranAt)!.toISOString(),
      to: instantAt(filters.to, ranAt)!.toISOString(),
      ...(filters.cluster ? { clusterId: filters.cluster } : {}),
    }),
    [projectId, filters, ranAt],
  );
  return (
    <Stack>
      <Title order={1} size="h3">
        Search
      </Title>
      <QueryEditor projectId={projectId} filters={filters} onRun={run} />
      <SearchResults scope={scope} onFilter={(field, value) => run({ ...filters, query: withFilter(filters.query, field, value) })} />
    </Stack>
  );
}

export function SearchPage() {
  const project = useProjects().current!;
  if (!project.can('analyst'))
    return (
      <Alert title="Search needs the analyst role">
        Your role in {project.name} is {project.role}: it shows reports, not the events.
      </Alert>
    );
  return <Search projectId={project.id} />;
}
