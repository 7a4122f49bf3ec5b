'use client';
import { Button, Group, Select, Switch, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { ClusterSelect } from '../search/cluster-select';
import { isStatusCode, REPORT_RANGES, reportHref, type ReportFilters } from './report-filters';

interface Props {
  projectId: string;
  filters: ReportFilters;
  onApply: (next: ReportFilters) => void;
  autoRefresh: boolean;
  onAutoRefresh: (on: boolean) => void;
}

/** The range and cluster apply as chosen; the text filters on Apply, so typing does not run every panel per key. */
export function ReportFilterBar({ projectId, filters, onApply, autoRefresh, onAutoRefresh }: Props) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const code = Number(text('code') || Number.NaN);
    onApply({ ...filters, namespace: text('namespace'), user: text('user'), code: isStatusCode(code) ? code : null });
  };
  return (
    // Keyed by the URL, so the boxes show what the report is filtered by after back and forward.
    <form key={reportHref(filters)} onSubmit={submit} aria-label="Report filters">
      <Group align="flex-end" gap="sm">
        <Select
          label="Time range"
          data={[...REPORT_RANGES]}
          value={filters.from}
          onChange={(from) => from && onApply({ ...filters, from })}
          allowDeselect={false}
          w={170}
        />
        <ClusterSelect projectId={projectId} value={filters.cluster} onChange={(cluster) => onApply({ ...filters, cluster })} />
        <TextInput label="Namespace" name="namespace" defaultValue={filters.namespace} placeholder="Any" w={160} />
        <TextInput label="User" name="user" defaultValue={filters.user} placeholder="Anyone" w={200} />
        <TextInput
          label="Status code"
          name="code"
          defaultValue={filters.code ?? ''}
          placeholder="Any"
          inputMode="numeric"
          pattern="[1-5][0-9]{2}"
          title="A status code from 100 to 599"
          w={110}
        />
        <Button type="submit" variant="default">
          Apply
        </Button>
        <Switch
          label="Refresh every minute"
          checked={autoRefresh}
          onChange={(event) => onAutoRefresh(event.currentTarget.checked)}
          ml="auto"
          mb={8}
        />
      </Group>
    </form>
  );
}
