'use client';
import { roleAtLeast, type RoleName } from '@kubetrail/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { useTRPC } from '../../lib/trpc';

export interface CurrentProject {
  id: string;
  name: string;
  role: RoleName;
  /** whether the signed-in user's role reaches `min` in this project */
  can: (min: RoleName) => boolean;
}

interface ProjectState {
  projects: { id: string; name: string; role: RoleName }[];
  current: CurrentProject | null;
  loading: boolean;
  error: unknown;
  switchTo: (projectId: string) => Promise<void>;
}

const ProjectContext = createContext<ProjectState | null>(null);

export function ProjectProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.projects.mine.queryOptions());
  const switching = useMutation(
    trpc.projects.switch.mutationOptions({
      // Everything on screen belonged to the previous project.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );
  const projects = mine.data?.projects ?? [];
  const found = projects.find((p) => p.id === mine.data?.currentProjectId);
  const current = found ? { ...found, can: (min: RoleName) => roleAtLeast(found.role, min) } : null;
  const state: ProjectState = {
    projects,
    current,
    loading: mine.isPending,
    error: mine.error,
    switchTo: async (projectId) => {
      await switching.mutateAsync({ projectId });
    },
  };
  return <ProjectContext.Provider value={state}>{children}</ProjectContext.Provider>;
}

export function useProjects(): ProjectState {
  const state = useContext(ProjectContext);
  if (!state) throw new Error('useProjects outside ProjectProvider');
  return state;
}
