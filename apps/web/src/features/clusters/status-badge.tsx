import { Badge } from '@mantine/core';
import type { AgentStatus } from '@kubetrail/core';

const COLORS: Record<AgentStatus, string> = {
  healthy: 'green',
  lagging: 'yellow',
  silent: 'red',
  waiting: 'gray',
  disabled: 'dark',
};

const HINTS: Record<AgentStatus, string> = {
  healthy: 'the agent called in recently and is keeping up',
  lagging: 'the agent is more than a minute behind the audit log',
  silent: 'no heartbeat for over two minutes',
  waiting: 'waiting for the first heartbeat of an agent',
  disabled: 'auditing is off: agents are refused, stored events stay',
};

export function StatusBadge({ status }: { status: AgentStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" title={HINTS[status]} data-status={status}>
      {status}
    </Badge>
  );
}
