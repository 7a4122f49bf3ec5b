'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';

/** The signed-in user's unread messages in the current project, polled so a new alert shows without a reload. */
export function useUnreadCount(): number {
  const trpc = useTRPC();
  const projectId = useProjects().current?.id ?? '';
  const unread = useQuery({ ...trpc.messages.unread.queryOptions({ projectId }), enabled: projectId !== '', refetchInterval: 10_000 });
  return unread.data ?? 0;
}
