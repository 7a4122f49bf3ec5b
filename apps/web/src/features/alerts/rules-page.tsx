'use client';
import { Alert, Button, Group, Skeleton, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { DetectionsCard } from './detections-card';
import { draftFromSpec, emptyDraft, type RuleDraft } from './rule-draft';
import { RuleFormModal } from './rule-form-modal';
import { RulesTable } from './rules-table';

interface OpenForm {
  draft: RuleDraft;
  editing: boolean;
  /** remounts the form, so a new draft replaces what the last one left */
  key: number;
}

/** `prefilledQuery` comes from the URL (`/alerts?query=…`): the search page's "create rule from this query". */
export function RulesPage({ prefilledQuery }: { prefilledQuery?: string }) {
  const trpc = useTRPC();
  const project = useProjects().current!;
  const canWrite = project.can('analyst');
  // The worker moves each rule's last window on as it judges them.
  const rules = useQuery({ ...trpc.alerts.rules.queryOptions({ projectId: project.id }), refetchInterval: 10_000 });
  const [form, setForm] = useState<OpenForm | null>(() =>
    prefilledQuery && canWrite ? { draft: emptyDraft(prefilledQuery), editing: false, key: 0 } : null,
  );
  const openForm = (draft: RuleDraft, editing: boolean) => setForm({ draft, editing, key: (form?.key ?? 0) + 1 });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h4">
          Rules
        </Title>
        {canWrite && <Button onClick={() => openForm(emptyDraft(), false)}>New rule</Button>}
      </Group>
      {rules.isPending && <Skeleton h={120} aria-label="Loading rules" />}
      {rules.error && (
        <Alert color="red" title="Rules could not be loaded">
          {errorText(rules.error)}
        </Alert>
      )}
      {rules.data?.length === 0 && (
        <Alert title="No alert rules yet">
          {canWrite
            ? 'Create a rule, start from a template, or make one from a built-in detection below.'
            : 'An analyst of this project can add rules.'}
        </Alert>
      )}
      {rules.data && rules.data.length > 0 && (
        <RulesTable rules={rules.data} canWrite={canWrite} onEdit={(rule) => openForm(draftFromSpec(rule), true)} />
      )}
      <DetectionsCard />
      {form && <RuleFormModal key={form.key} initial={form.draft} editing={form.editing} onClose={() => setForm(null)} />}
    </Stack>
  );
}
