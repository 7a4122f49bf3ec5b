'use client';
import { Alert, Badge, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { draftFromChannel, emptyChannelDraft, type ChannelDraft } from './channel-draft';
import { ChannelFormModal } from './channel-form-modal';
import { ChannelSettings } from './channel-settings';
import { DeleteChannelButton } from './delete-channel-button';
import { SendTestButton } from './send-test-button';

interface OpenForm {
  draft: ChannelDraft;
  editing: boolean;
  key: number;
}

export function ChannelsPage() {
  const trpc = useTRPC();
  const project = useProjects().current!;
  const isAdmin = project.can('admin');
  const channels = useQuery(trpc.alertChannels.list.queryOptions({ projectId: project.id }));
  const [form, setForm] = useState<OpenForm | null>(null);
  const openForm = (draft: ChannelDraft, editing: boolean) => setForm({ draft, editing, key: (form?.key ?? 0) + 1 });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h4">
          Channels
        </Title>
        {isAdmin && <Button onClick={() => openForm(emptyChannelDraft(), false)}>New channel</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        Every notification also goes to the message center; channels send it on.
        {!isAdmin && ' Admins add and change channels.'}
      </Text>
      {channels.isPending && <Skeleton h={120} aria-label="Loading channels" />}
      {channels.error && (
        <Alert color="red" title="Channels could not be loaded">
          {errorText(channels.error)}
        </Alert>
      )}
      {channels.data?.length === 0 && <Alert title="No channels yet">Rules without a channel notify the message center only.</Alert>}
      {channels.data && channels.data.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Alert channels" striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Settings</Table.Th>
                <Table.Th>Updated</Table.Th>
                {isAdmin && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {channels.data.map((c) => (
                <Table.Tr key={c.id} data-channel={c.name}>
                  <Table.Td fw={500}>{c.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{c.kind}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <ChannelSettings settings={c.settings} />
                  </Table.Td>
                  <Table.Td>{timeAgo(c.updatedAt)}</Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <SendTestButton channelId={c.id} />
                        <Button size="compact-xs" variant="default" onClick={() => openForm(draftFromChannel(c), true)}>
                          Edit
                        </Button>
                        <DeleteChannelButton channelId={c.id} name={c.name} />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {form && <ChannelFormModal key={form.key} initial={form.draft} editing={form.editing} onClose={() => setForm(null)} />}
    </Stack>
  );
}
