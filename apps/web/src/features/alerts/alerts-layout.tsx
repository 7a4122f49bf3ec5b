'use client';
import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { AlertsTabs } from './alerts-tabs';

export function AlertsLayout({ children }: { children: ReactNode }) {
  return (
    <Stack>
      <Title order={1} size="h3">
        Alerts
      </Title>
      <AlertsTabs />
      {children}
    </Stack>
  );
}
