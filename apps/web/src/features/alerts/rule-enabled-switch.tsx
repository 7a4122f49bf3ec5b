'use client';
import { Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { useInvalidateAlerts } from './use-invalidate-alerts';

export function RuleEnabledSwitch({ ruleId, name, enabled }: { ruleId: string; name: string; enabled: boolean }) {
  const trpc = useTRPC();
  const project = useProjects().current!;
  const invalidate = useInvalidateAlerts();
  const toggle = useMutation(
    trpc.alerts.setEnabled.mutationOptions({
      onSuccess: () => invalidate(),
      onError: (error) => notifications.show({ color: 'red', title: `${name} not changed`, message: errorText(error) }),
    }),
  );
  return (
    <Switch
      aria-label={`${name} enabled`}
      checked={toggle.isPending ? !enabled : enabled}
      disabled={!project.can('analyst') || toggle.isPending}
      onChange={(e) => toggle.mutate({ projectId: project.id, rule: ruleId, enabled: e.currentTarget.checked })}
    />
  );
}
