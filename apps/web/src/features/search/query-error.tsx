import { Alert, Code, Text } from '@mantine/core';
import { errorText } from '../../lib/error-text';
import { caretAt, queryPositionOf, withoutPosition } from './query-error-text';

/** A failed search; a query error names its line and column and marks the place in the text that ran. */
export function QueryError({ error, query }: { error: unknown; query: string }) {
  const position = queryPositionOf(error);
  const message = errorText(error);
  if (!position)
    return (
      <Alert color="red" title="The search failed" data-testid="query-error">
        {message}
      </Alert>
    );
  const { line, caret } = caretAt(query, position);
  return (
    <Alert color="red" title="The query cannot run" data-testid="query-error">
      <Text size="sm" data-testid="query-error-message">
        line {position.line}, column {position.column}: {withoutPosition(message)}
      </Text>
      <Code block mt="xs" aria-label="Where the error is">
        {`${line}\n${caret}`}
      </Code>
    </Alert>
  );
}
