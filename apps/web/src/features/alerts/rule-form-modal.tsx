'use client';
import { ALERT_SEVERITIES, type AlertSeverity } from '@kubetrail/contracts';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { RuleCheckResult } from './rule-check-result';
import { draftFromSpec, specOfDraft, splitList, type RuleDraft } from './rule-draft';
import { useInvalidateAlerts } from './use-invalidate-alerts';

const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } };

interface Props {
  initial: RuleDraft;
  /** an existing rule: its name is its identity, so it cannot change here */
  editing: boolean;
  onClose: () => void;
}

export function RuleFormModal({ initial, editing, onClose }: Props) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const invalidate = useInvalidateAlerts();
  const [draft, setDraft] = useState(initial);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const templates = useQuery({ ...trpc.alerts.templates.queryOptions({ projectId }), enabled: !editing });
  const clusters = useQuery(trpc.clusters.list.queryOptions({ projectId }));
  const channels = useQuery(trpc.alertChannels.list.queryOptions({ projectId }));
  const check = useMutation(trpc.alerts.check.mutationOptions());
  const save = useMutation(
    trpc.alerts.save.mutationOptions({
      onSuccess: async ({ rule, warnings }) => {
        await invalidate();
        const saved = `Rule "${rule.name}" saved`;
        notifications.show(warnings.length ? { color: 'yellow', title: saved, message: warnings.join(' ') } : { message: saved });
        onClose();
      },
    }),
  );
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => {
    // A check result describes the rule as it was when checked.
    check.reset();
    setDraft((d) => ({ ...d, [key]: value }));
  };

  return (
    <Modal opened onClose={onClose} title={editing ? `Edit rule ${initial.name}` : 'New rule'} size="xl">
      <form
        aria-label="Alert rule"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ projectId, rule: specOfDraft(draft) });
        }}
      >
        <Stack gap="sm">
          {!editing && (
            <Select
              label="From template"
              placeholder="Start from an example rule"
              data={(templates.data ?? []).map((t) => ({ value: t.id, label: t.title }))}
              value={templateId}
              onChange={(id) => {
                const template = templates.data?.find((t) => t.id === id);
                setTemplateId(id);
                if (!template) return;
                check.reset();
                setDraft(draftFromSpec(template.rule));
              }}
              description={templates.data?.find((t) => t.id === templateId)?.description}
            />
          )}
          <TextInput
            label="Name"
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            disabled={editing}
            required
            data-autofocus
          />
          <Textarea
            label="Description"
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            autosize
            minRows={1}
            maxRows={4}
          />
          <Textarea
            label="Query"
            description="A search, optionally followed by | SELECT …"
            value={draft.query}
            onChange={(e) => set('query', e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={12}
            styles={MONO}
            required
          />
          <MultiSelect
            label="Clusters"
            placeholder={draft.clusters.length ? undefined : 'All clusters of the project'}
            data={(clusters.data ?? []).map((c) => c.clusterName)}
            value={draft.clusters}
            onChange={(v) => set('clusters', v)}
            searchable
            clearable
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label="Every (minutes)"
              value={draft.everyMinutes}
              onChange={(v) => set('everyMinutes', v)}
              min={1}
              allowDecimal={false}
              clampBehavior="none"
            />
            <NumberInput
              label="Window (minutes)"
              placeholder="same as every"
              value={draft.windowMinutes}
              onChange={(v) => set('windowMinutes', v)}
              min={1}
              allowDecimal={false}
              clampBehavior="none"
            />
            <NumberInput
              label="Throttle (minutes)"
              description="0: notify every window"
              value={draft.throttleMinutes}
              onChange={(v) => set('throttleMinutes', v)}
              min={0}
              allowDecimal={false}
              clampBehavior="none"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Condition"
              description="Checked against each result row"
              value={draft.condition}
              onChange={(e) => set('condition', e.currentTarget.value)}
              styles={MONO}
              required
            />
            <Select
              label="Severity"
              data={ALERT_SEVERITIES}
              value={draft.severity}
              onChange={(v) => v && set('severity', v as AlertSeverity)}
              allowDeselect={false}
            />
          </SimpleGrid>
          <TextInput
            label="Group by"
            description="Result columns, comma-separated: one notification per group"
            value={draft.groupBy}
            onChange={(e) => set('groupBy', e.currentTarget.value)}
          />
          <Textarea
            label="Message template"
            description="{{ Column }} takes the first matching row's value; empty: the default message"
            value={draft.template}
            onChange={(e) => set('template', e.currentTarget.value)}
            autosize
            minRows={1}
            maxRows={4}
          />
          <Checkbox
            label="Notify on recovery"
            checked={draft.notifyRecovery}
            onChange={(e) => set('notifyRecovery', e.currentTarget.checked)}
          />
          <Checkbox.Group label="Channels" value={draft.channels} onChange={(v) => set('channels', v)}>
            <Group mt={4}>
              {(channels.data ?? []).map((c) => (
                <Checkbox key={c.id} value={c.name} label={`${c.name} (${c.kind})`} />
              ))}
            </Group>
            {channels.data?.length === 0 && (
              <Text size="sm" c="dimmed">
                No channels yet: notifications go to the message center only.
              </Text>
            )}
          </Checkbox.Group>
          <RuleCheckResult warnings={check.data?.warnings} error={check.error} />
          {save.error && (
            <Alert color="red" title="The rule was not saved" role="alert">
              {errorText(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button
              variant="default"
              loading={check.isPending}
              onClick={() =>
                check.mutate({
                  projectId,
                  query: draft.query,
                  condition: draft.condition,
                  template: draft.template,
                  groupBy: splitList(draft.groupBy),
                })
              }
            >
              Check
            </Button>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save rule
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
