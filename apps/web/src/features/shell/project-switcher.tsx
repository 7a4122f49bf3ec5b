'use client';
import { ActionIcon, Group, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useRouter } from 'next/navigation';
import { errorText } from '../../lib/error-text';
import { CreateProjectModal } from './create-project-modal';
import { useProjects } from './project-context';

export function ProjectSwitcher() {
  const router = useRouter();
  const { projects, current, switchTo } = useProjects();
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <Group gap={4} wrap="nowrap">
      <Select
        aria-label="Project"
        size="xs"
        w={200}
        placeholder="No project"
        data={projects.map((p) => ({ value: p.id, label: p.name }))}
        value={current?.id ?? null}
        allowDeselect={false}
        onChange={async (id) => {
          if (!id || id === current?.id) return;
          try {
            await switchTo(id);
            // A cluster page of the old project means nothing in the new one.
            router.push('/clusters');
          } catch (error) {
            notifications.show({ color: 'red', title: 'Could not switch project', message: errorText(error) });
          }
        }}
      />
      <ActionIcon variant="default" size="md" onClick={open} aria-label="Create project" title="Create project">
        <span aria-hidden>+</span>
      </ActionIcon>
      <CreateProjectModal opened={creating} onClose={close} />
    </Group>
  );
}
