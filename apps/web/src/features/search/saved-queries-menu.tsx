'use client';
import { ActionIcon, Button, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { DeleteSavedQueryModal } from './delete-saved-query-modal';
import type { SavedQueryRow } from './search-types';
import { useSavedQueries } from './use-saved-queries';

const LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** The project's saved queries: picking one runs it; deleting one asks first. */
export function SavedQueriesMenu({ projectId, onPick }: { projectId: string; onPick: (query: string) => void }) {
  const saved = useSavedQueries(projectId);
  const [opened, setOpened] = useState(false);
  // Outside the dropdown, which closes (and unmounts) as the confirmation opens.
  const [deleting, setDeleting] = useState<SavedQueryRow | null>(null);
  return (
    <>
      <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" width={380} trapFocus withinPortal>
        <Popover.Target>
          <Button variant="default" onClick={() => setOpened((o) => !o)}>
            Saved queries
          </Button>
        </Popover.Target>
        <Popover.Dropdown aria-label="Saved queries">
          {saved.isPending && <Text size="sm">Loading…</Text>}
          {saved.error && (
            <Text c="red" size="sm" role="alert">
              {errorText(saved.error)}
            </Text>
          )}
          {saved.data?.length === 0 && (
            <Text size="sm" c="dimmed">
              None yet: Save query names the query in the box for the project.
            </Text>
          )}
          {saved.data && saved.data.length > 0 && (
            <Stack component="ul" gap={4} style={LIST}>
              {saved.data.map((q) => (
                <SavedQueryItem
                  key={q.id}
                  savedQuery={q}
                  onPick={() => {
                    setOpened(false);
                    onPick(q.query);
                  }}
                  onDelete={() => {
                    setOpened(false);
                    setDeleting(q);
                  }}
                />
              ))}
            </Stack>
          )}
        </Popover.Dropdown>
      </Popover>
      {deleting && <DeleteSavedQueryModal projectId={projectId} savedQuery={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

function SavedQueryItem({ savedQuery, onPick, onDelete }: { savedQuery: SavedQueryRow; onPick: () => void; onDelete: () => void }) {
  return (
    <Group component="li" gap="xs" wrap="nowrap" align="flex-start">
      {/* Named by its name alone, so the list reads as names; the description and query are its description. */}
      <UnstyledButton
        onClick={onPick}
        aria-label={savedQuery.name}
        aria-description={[savedQuery.description, savedQuery.query].filter(Boolean).join(' — ')}
        title={savedQuery.query}
        style={{ flex: 1, minWidth: 0 }}
      >
        <Text size="sm" fw={500} truncate>
          {savedQuery.name}
        </Text>
        {savedQuery.description && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {savedQuery.description}
          </Text>
        )}
        <Text size="xs" c="dimmed" ff="monospace" truncate>
          {savedQuery.query}
        </Text>
      </UnstyledButton>
      <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={`Delete saved query ${savedQuery.name}`}>
        <span aria-hidden>×</span>
      </ActionIcon>
    </Group>
  );
}
