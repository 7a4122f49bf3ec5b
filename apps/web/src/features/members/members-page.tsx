'use client';
import type { RoleName } from '@kubetrail/contracts';
import { Alert, Badge, Button, Card, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../lib/error-text';
import { timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useProjects } from '../shell/project-context';
import { InviteForm } from './invite-form';
import { ROLE_OPTIONS } from './role-options';

export function MembersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const project = useProjects().current!;
  const isOwner = project.can('owner');
  const list = useQuery(trpc.members.list.queryOptions({ projectId: project.id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
  const onError = (error: unknown) => notifications.show({ color: 'red', title: 'Not changed', message: errorText(error) });
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh, onError }));
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions({ onSuccess: refresh, onError }));

  return (
    <Stack>
      <Title order={1} size="h3">
        Members of {project.name}
      </Title>
      {isOwner && (
        <Card withBorder>
          <InviteForm projectId={project.id} />
        </Card>
      )}
      {list.isPending && <Skeleton h={160} aria-label="Loading members" />}
      {list.error && (
        <Alert color="red" title="Members could not be loaded">
          {errorText(list.error)}
        </Alert>
      )}
      {list.data && (
        <Table aria-label="Members" verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Since</Table.Th>
              {isOwner && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.members.map((m) => (
              <Table.Tr key={m.userId} data-member={m.email}>
                <Table.Td>{m.email}</Table.Td>
                <Table.Td>
                  {isOwner ? (
                    <Select
                      aria-label={`Role of ${m.email}`}
                      size="xs"
                      w={300}
                      data={ROLE_OPTIONS}
                      value={m.role}
                      allowDeselect={false}
                      onChange={(role) =>
                        role && role !== m.role && changeRole.mutate({ projectId: project.id, userId: m.userId, role: role as RoleName })
                      }
                    />
                  ) : (
                    <Badge variant="light">{m.role}</Badge>
                  )}
                </Table.Td>
                <Table.Td>{timeAgo(m.since)}</Table.Td>
                {isOwner && (
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      color="red"
                      variant="subtle"
                      onClick={() => remove.mutate({ projectId: project.id, userId: m.userId })}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {list.data.invitations.map((i) => (
              <Table.Tr key={i.id} data-invitation={i.email}>
                <Table.Td>
                  {i.email}{' '}
                  <Badge color="gray" variant="outline" size="xs">
                    invited
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{i.role}</Badge>
                </Table.Td>
                <Table.Td>{timeAgo(i.invitedAt)}</Table.Td>
                {isOwner && (
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" onClick={() => revoke.mutate({ projectId: project.id, invitationId: i.id })}>
                      Revoke invitation
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!isOwner && (
        <Text size="sm" c="dimmed">
          Only owners invite, remove or change the roles of members.
        </Text>
      )}
    </Stack>
  );
}
