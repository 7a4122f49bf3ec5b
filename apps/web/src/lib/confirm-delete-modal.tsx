'use client';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { errorText } from './error-text';

interface Props {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** what deleting takes with it */
  consequence: string;
  /** the confirming button's words, e.g. "Delete rule" */
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
}

/** The question before a delete: what goes with it, the server's refusal if any, cancel or confirm. */
export function ConfirmDeleteModal({ opened, onClose, title, consequence, confirmLabel, pending, error, onConfirm }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        <Text size="sm">{consequence}</Text>
        {error != null && (
          <Text c="red" size="sm" role="alert">
            {errorText(error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
