import { Alert, List, Text } from '@mantine/core';
import { errorText } from '../../lib/error-text';

/** What a check of the rule found: an error stops a save, warnings only say what looks wrong. */
export function RuleCheckResult({ warnings, error }: { warnings: string[] | undefined; error: unknown }) {
  if (error)
    return (
      <Alert color="red" title="The rule cannot run" data-testid="rule-check">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {errorText(error)}
        </Text>
      </Alert>
    );
  if (!warnings) return null;
  if (warnings.length === 0)
    return (
      <Alert color="green" title="No problems found" data-testid="rule-check">
        The query, condition and template parse.
      </Alert>
    );
  return (
    <Alert color="yellow" title="Warnings" data-testid="rule-check">
      <List size="sm">
        {warnings.map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
