'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** After a rule or channel changes, the rules list names it and the history may show it. */
export function useInvalidateAlerts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.alertChannels.pathKey() }),
    ]);
}
