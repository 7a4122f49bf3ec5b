'use client';
import { Alert, Box, Grid, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { dateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { searchHref } from '../search/search-filters';
import { instantAt } from '../search/time-range';
import { useProjects } from '../shell/project-context';
import type { ReportRange } from './hourly-series';
import { REPORT_TO, type ReportFilters } from './report-filters';
import { ReportFilterBar } from './report-filter-bar';
import { ReportPanelCard } from './report-panel-card';
import type { ReportPanelResult } from './report-types';
import { useReportState } from './use-report-state';

// The full-width panels; the rest of the tables go two to a row.
const WIDE = new Set(['events-per-hour']);

interface PanelsProps {
  results: ReportPanelResult[];
  filters: ReportFilters;
  range: ReportRange;
}

function Panels({ results, filters, range }: PanelsProps) {
  // The search page reads the same relative range, so a panel's query there covers the same events.
  const card = (result: ReportPanelResult) => (
    <ReportPanelCard
      key={result.panel.id}
      result={result}
      range={range}
      searchHref={searchHref({ query: result.panel.query, from: filters.from, to: REPORT_TO, cluster: filters.cluster })}
    />
  );
  const stats = results.filter((r) => r.panel.kind === 'stat');
  const rest = results.filter((r) => r.panel.kind !== 'stat');
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>{stats.map(card)}</SimpleGrid>
      <Grid>
        {rest.map((result) => (
          <Grid.Col key={result.panel.id} span={{ base: 12, lg: WIDE.has(result.panel.id) ? 12 : 6 }}>
            {card(result)}
          </Grid.Col>
        ))}
      </Grid>
    </Stack>
  );
}

function OverviewReport({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { filters, ranAt, apply, autoRefresh, setAutoRefresh } = useReportState();
  const input = {
    projectId,
    // reportFiltersOf only lets presets into the filters.
    from: instantAt(filters.from, ranAt)!.toISOString(),
    to: new Date(ranAt).toISOString(),
    ...(filters.cluster ? { clusterId: filters.cluster } : {}),
    ...(filters.namespace ? { namespace: filters.namespace } : {}),
    ...(filters.user ? { user: filters.user } : {}),
    ...(filters.code !== null ? { code: filters.code } : {}),
  };
  const report = useQuery({ ...trpc.reports.overview.queryOptions(input), placeholderData: keepPreviousData });
  return (
    <Stack>
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h3">
          Overview
        </Title>
        <Text size="xs" c="dimmed" data-testid="report-as-of">
          As of {dateTime(input.to)}
        </Text>
      </Group>
      <ReportFilterBar projectId={projectId} filters={filters} onApply={apply} autoRefresh={autoRefresh} onAutoRefresh={setAutoRefresh} />
      {report.error ? (
        <Alert color="red" title="The report failed">
          {errorText(report.error)}
        </Alert>
      ) : report.data ? (
        <Box style={{ opacity: report.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }} aria-busy={report.isFetching}>
          <Panels results={report.data} filters={filters} range={input} />
        </Box>
      ) : (
        <Skeleton h={400} aria-label="Loading the report" />
      )}
    </Stack>
  );
}

export function OverviewReportPage() {
  const project = useProjects().current!;
  if (!project.can('analyst'))
    return (
      <Alert title="Reports need the analyst role">
        Your role in {project.name} is {project.role}: the reports are queries over the events.
      </Alert>
    );
  return <OverviewReport projectId={project.id} />;
}
