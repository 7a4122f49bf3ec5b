'use client';
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { errorText } from '../../lib/error-text';
import { BudgetAlertBanner } from '../billing/budget-alert-banner';
import { CreateProjectModal } from './create-project-modal';
import { useProjects } from './project-context';

/** Pages render only once a current project is known. */
export function ProjectGate({ children }: { children: ReactNode }) {
  const { current, loading, error } = useProjects();
  const [creating, { open, close }] = useDisclosure(false);
  if (loading)
    return (
      <Center h={200}>
        <Loader aria-label="Loading projects" />
      </Center>
    );
  if (error)
    return (
      <Alert color="red" title="Projects could not be loaded">
        {errorText(error)}
      </Alert>
    );
  if (!current)
    return (
      <Center h={300}>
        <Stack align="center">
          <Title order={2} size="h4">
            You are not in any project yet
          </Title>
          <Text c="dimmed">Create one, or ask a project owner to invite your email.</Text>
          <Button onClick={open}>Create project</Button>
          <CreateProjectModal opened={creating} onClose={close} />
        </Stack>
      </Center>
    );
  return (
    <>
      <BudgetAlertBanner />
      {children}
    </>
  );
}
