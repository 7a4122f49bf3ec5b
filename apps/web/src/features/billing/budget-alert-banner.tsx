'use client';
import { Alert, Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { money } from './money';

/** Tells a project's admins, on every page, that this month's projected cost went over the budget. */
export function BudgetAlertBanner() {
  const trpc = useTRPC();
  const project = useProjects().current!;
  const month = new Date().toISOString().slice(0, 7);
  const alert = useQuery({
    ...trpc.billing.budgetAlert.queryOptions({ projectId: project.id, month }),
    enabled: project.can('admin'),
    refetchInterval: 300_000,
  });
  const a = alert.data;
  if (!a) return null;
  return (
    <Alert color="red" title="Budget alert" mb="md" role="alert">
      On {a.firedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC this month&apos;s cost was projected at{' '}
      {money(a.projectedTotal, a.currency)}, above the budget of {money(a.monthlyBudget, a.currency)}.{' '}
      <Anchor component={Link} href="/billing">
        See billing
      </Anchor>
    </Alert>
  );
}
