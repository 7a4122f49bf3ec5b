'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** The project's saved queries; the menu lists them and the save form tells an update from a new one by them. */
export function useSavedQueries(projectId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.savedQueries.list.queryOptions({ projectId }));
}

export function useInvalidateSavedQueries() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.savedQueries.pathKey() });
}
