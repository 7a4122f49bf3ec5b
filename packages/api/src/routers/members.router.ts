import { changeMemberRole, inviteMember, listMembers, removeMember, revokeInvitation } from '@kubetrail/core';
import { recordConsoleChange } from '../audit';
import { InvitationInputSchema, MemberInputSchema, MemberInviteInputSchema, MemberRoleInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';

// Everyone in a project sees who else is in it; only owners change that.
const ownerProcedure = projectProcedure('owner');

export const membersRouter = router({
  list: projectProcedure('viewer').query(({ ctx }) => listMembers(ctx.deps, ctx.projectId)),
  invite: ownerProcedure.input(MemberInviteInputSchema).mutation(async ({ ctx, input }) => {
    const result = await inviteMember(ctx.deps, ctx.projectId, { ...input, invitedBy: ctx.userId });
    const after = result.kind === 'member' ? result.member : result.invitation;
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: result.kind === 'member' ? 'member.add' : 'member.invite',
      target: { type: result.kind, id: result.kind === 'member' ? result.member.userId : result.invitation.id, name: after.email },
      after,
    });
    return result;
  }),
  revokeInvitation: ownerProcedure.input(InvitationInputSchema).mutation(async ({ ctx, input }) => {
    const before = await revokeInvitation(ctx.deps, ctx.projectId, input.invitationId);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'member.revoke-invitation',
      target: { type: 'invitation', id: before.id, name: before.email },
      before,
    });
    return before;
  }),
  changeRole: ownerProcedure.input(MemberRoleInputSchema).mutation(async ({ ctx, input }) => {
    const { before, after } = await changeMemberRole(ctx.deps, ctx.projectId, input.userId, input.role);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'member.change-role',
      target: { type: 'member', id: input.userId, name: before.email },
      before,
      after,
    });
    return after;
  }),
  remove: ownerProcedure.input(MemberInputSchema).mutation(async ({ ctx, input }) => {
    const before = await removeMember(ctx.deps, ctx.projectId, input.userId);
    await recordConsoleChange(ctx, {
      projectId: ctx.projectId,
      action: 'member.remove',
      target: { type: 'member', id: input.userId, name: before.email },
      before,
    });
    return before;
  }),
});
