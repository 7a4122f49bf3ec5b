'use client';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, PasswordInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { CHANNEL_KINDS, isSecretField, specOfChannelDraft, type ChannelDraft, type ChannelKind } from './channel-draft';
import { useInvalidateAlerts } from './use-invalidate-alerts';

interface Props {
  initial: ChannelDraft;
  /** an existing channel: name and kind stay, and empty secrets keep their stored values */
  editing: boolean;
  onClose: () => void;
}

export function ChannelFormModal({ initial, editing, onClose }: Props) {
  const trpc = useTRPC();
  const projectId = useProjects().current!.id;
  const invalidate = useInvalidateAlerts();
  const [d, setDraft] = useState(initial);
  const set = <K extends keyof ChannelDraft>(key: K, value: ChannelDraft[K]) => setDraft((prev) => ({ ...prev, [key]: value }));
  const save = useMutation(
    trpc.alertChannels.save.mutationOptions({
      onSuccess: async ({ channel }) => {
        await invalidate();
        notifications.show({ message: `Channel "${channel.name}" saved` });
        onClose();
      },
    }),
  );
  const keep = editing ? 'Leave empty to keep the stored value' : undefined;
  const secretInput = (field: 'url' | 'secret' | 'password', label: string, required: boolean) =>
    isSecretField(d.kind, field) ? (
      <PasswordInput
        label={label}
        description={keep}
        value={d[field]}
        onChange={(e) => set(field, e.currentTarget.value)}
        required={required && !editing}
        autoComplete="off"
      />
    ) : (
      <TextInput label={label} value={d[field]} onChange={(e) => set(field, e.currentTarget.value)} required={required} />
    );

  return (
    <Modal opened onClose={onClose} title={editing ? `Edit channel ${initial.name}` : 'New channel'} size="lg">
      <form
        aria-label="Alert channel"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ projectId, channel: specOfChannelDraft(d) });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            value={d.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            disabled={editing}
            required
            data-autofocus
          />
          <Select
            label="Kind"
            data={CHANNEL_KINDS}
            value={d.kind}
            onChange={(v) => v && set('kind', v as ChannelKind)}
            allowDeselect={false}
            disabled={editing}
          />
          {d.kind !== 'email' && secretInput('url', d.kind === 'webhook' ? 'URL' : 'Webhook URL', true)}
          {(d.kind === 'webhook' || d.kind === 'dingtalk') && secretInput('secret', 'Signing secret', false)}
          {d.kind === 'webhook' && (
            <Textarea
              label="Headers"
              description="One Name: value a line"
              value={d.headers}
              onChange={(e) => set('headers', e.currentTarget.value)}
              autosize
              minRows={2}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            />
          )}
          {d.kind === 'email' && (
            <>
              <Group grow align="flex-start">
                <TextInput label="SMTP host" value={d.host} onChange={(e) => set('host', e.currentTarget.value)} required />
                <NumberInput label="Port" value={d.port} onChange={(v) => set('port', v)} min={1} max={65_535} allowDecimal={false} />
              </Group>
              <Checkbox
                label="TLS from the start (usually port 465)"
                checked={d.secure}
                onChange={(e) => set('secure', e.currentTarget.checked)}
              />
              <Group grow align="flex-start">
                <TextInput label="User" value={d.user} onChange={(e) => set('user', e.currentTarget.value)} autoComplete="off" />
                {secretInput('password', 'Password', false)}
              </Group>
              <TextInput label="From" type="email" value={d.from} onChange={(e) => set('from', e.currentTarget.value)} required />
              <TextInput
                label="To"
                description="Comma-separated addresses"
                value={d.to}
                onChange={(e) => set('to', e.currentTarget.value)}
                required
              />
            </>
          )}
          {save.error && (
            <Alert color="red" title="The channel was not saved" role="alert">
              {errorText(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save channel
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
