'use client';
import { Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';

type Prices = { currency: string; perGBIngested: number; perGBMonthStored: number; perMillionEvents: number; monthlyBudget: number | null };

export function PriceListForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const project = useProjects().current!;
  const current = useQuery(trpc.billing.prices.queryOptions({ projectId: project.id }));
  const [draft, setDraft] = useState<Prices | null>(null);
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);
  const save = useMutation(
    trpc.billing.setPrices.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
        notifications.show({ message: 'Price list saved' });
      },
    }),
  );
  if (!draft) return null;
  const canEdit = project.can('owner');
  const num = (key: keyof Omit<Prices, 'currency' | 'monthlyBudget'>, label: string) => (
    <NumberInput
      label={label}
      value={draft[key]}
      onChange={(v) => setDraft({ ...draft, [key]: Number(v) })}
      min={0}
      decimalScale={4}
      disabled={!canEdit}
      w={200}
    />
  );
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ projectId: project.id, ...draft });
        }}
        aria-label="Price list"
      >
        <Stack gap="sm">
          <Title order={2} size="h5">
            Price list
          </Title>
          {!canEdit && (
            <Text size="sm" c="dimmed">
              Only owners change the price list and budget.
            </Text>
          )}
          <Group align="flex-end">
            <TextInput
              label="Currency"
              value={draft.currency}
              onChange={(e) => setDraft({ ...draft, currency: e.currentTarget.value.toUpperCase() })}
              disabled={!canEdit}
              w={100}
            />
            {num('perGBIngested', 'Per GB ingested')}
            {num('perGBMonthStored', 'Per GB-month stored')}
            {num('perMillionEvents', 'Per million events')}
            <NumberInput
              label="Monthly budget"
              placeholder="none"
              value={draft.monthlyBudget ?? ''}
              onChange={(v) => setDraft({ ...draft, monthlyBudget: v === '' ? null : Number(v) })}
              min={0}
              disabled={!canEdit}
              w={160}
            />
            {canEdit && (
              <Button type="submit" loading={save.isPending}>
                Save prices
              </Button>
            )}
          </Group>
          {save.error && (
            <Text c="red" size="sm" role="alert">
              {errorText(save.error)}
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
