'use client';
import { Anchor, Button, Group, Stack, Textarea } from '@mantine/core';
import Link from 'next/link';
import { useState } from 'react';
import { ClusterSelect } from './cluster-select';
import { RangeSelect } from './range-select';
import { SaveQueryButton } from './save-query-button';
import { SavedQueriesMenu } from './saved-queries-menu';
import type { SearchFilters } from './search-filters';

const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } };

/** The query box, its range and cluster, and the project's saved queries; every change of range or cluster runs what the box holds. */
export function QueryEditor({
  projectId,
  filters,
  onRun,
}: {
  projectId: string;
  filters: SearchFilters;
  onRun: (next: SearchFilters) => void;
}) {
  const [draft, setDraft] = useState(filters.query);
  // A facet click or Back changes the query in the URL: the box follows it.
  const [shown, setShown] = useState(filters.query);
  if (shown !== filters.query) {
    setShown(filters.query);
    setDraft(filters.query);
  }
  const run = (changes: Partial<SearchFilters> = {}) => onRun({ ...filters, query: draft, ...changes });

  return (
    <Stack gap="xs">
      <Textarea
        label="Query"
        description="Search: verb: delete and objectRef.resource: secrets · analytics: … | SELECT verb, count(1) AS n FROM log GROUP BY verb · Ctrl+Enter runs"
        placeholder="verb: delete and objectRef.resource: secrets"
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            run();
          }
        }}
        autosize
        minRows={2}
        maxRows={10}
        spellCheck={false}
        styles={MONO}
      />
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end">
          <RangeSelect from={filters.from} to={filters.to} onChange={(from, to) => run({ from, to })} />
          <ClusterSelect projectId={projectId} value={filters.cluster} onChange={(cluster) => run({ cluster })} />
          <Button onClick={() => run()}>Run</Button>
          <SaveQueryButton projectId={projectId} query={draft} />
          <SavedQueriesMenu
            projectId={projectId}
            onPick={(query) => {
              // The box is set too: when the URL already holds this query, it would not follow.
              setDraft(query);
              run({ query });
            }}
          />
        </Group>
        {draft.trim() !== '' && (
          <Anchor component={Link} href={`/alerts?query=${encodeURIComponent(draft)}`} size="sm">
            Create alert rule from this query
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
