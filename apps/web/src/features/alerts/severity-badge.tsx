import type { AlertSeverity } from '@kubetrail/contracts';
import { Badge } from '@mantine/core';

const COLORS: Record<AlertSeverity, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge color={COLORS[severity as AlertSeverity] ?? 'gray'} variant="light" miw="max-content" data-severity={severity}>
      {severity}
    </Badge>
  );
}
