'use client';
import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { SaveQueryModal } from './save-query-modal';

export function SaveQueryButton({ projectId, query }: { projectId: string; query: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" onClick={open} disabled={query.trim() === ''}>
        Save query
      </Button>
      {/* Mounted only while open, so each opening starts from the query now in the box. */}
      {opened && <SaveQueryModal projectId={projectId} query={query} onClose={close} />}
    </>
  );
}
