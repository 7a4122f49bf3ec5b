'use client';
import type { RoleName } from '@kubetrail/contracts';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../lib/error-text';
import { useTRPC } from '../../lib/trpc';
import { ROLE_OPTIONS } from './role-options';

export function InviteForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<RoleName>('viewer');
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: async (result) => {
        setEmail('');
        await queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
        notifications.show({
          message:
            result.kind === 'member'
              ? `${result.member.email} is now a member`
              : `${result.invitation.email} is invited: the membership starts at their first sign-in`,
        });
      },
    }),
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate({ projectId, email, role });
      }}
      aria-label="Invite a member"
    >
      <Group align="flex-start">
        <TextInput
          label="Email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={invite.error ? errorText(invite.error) : undefined}
          required
          w={280}
        />
        <Select label="Role" data={ROLE_OPTIONS} value={role} onChange={(v) => v && setRole(v as RoleName)} allowDeselect={false} w={280} />
        <Button type="submit" mt={25} loading={invite.isPending}>
          Invite
        </Button>
      </Group>
    </form>
  );
}
