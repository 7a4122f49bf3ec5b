import { createOwnedProject, setCurrentProject, userProjects } from '@kubetrail/core';
import { recordConsoleChange } from '../audit';
import { ProjectCreateInputSchema, ProjectSwitchInputSchema } from '../schemas/console-inputs';
import { authedProcedure, router } from '../trpc';

// Not project procedures: these act on the signed-in user's own memberships.
export const projectsRouter = router({
  mine: authedProcedure.query(({ ctx }) => userProjects(ctx.deps, ctx.userId)),
  switch: authedProcedure.input(ProjectSwitchInputSchema).mutation(async ({ ctx, input }) => {
    await setCurrentProject(ctx.deps, ctx.userId, input.projectId);
    return { currentProjectId: input.projectId };
  }),
  create: authedProcedure.input(ProjectCreateInputSchema).mutation(async ({ ctx, input }) => {
    const project = await createOwnedProject(ctx.deps, ctx.userId, input.name);
    await recordConsoleChange(ctx, {
      projectId: project.id,
      action: 'project.create',
      target: { type: 'project', id: project.id, name: project.name },
      after: project,
    });
    return project;
  }),
});
