import { Anchor, Code, Stack } from '@mantine/core';
import Link from 'next/link';

/** The query a panel ran, word for word, and the search page set to run it over the same range and cluster. */
export function PanelQuery({ query, searchHref }: { query: string; searchHref: string }) {
  return (
    <Stack gap={4}>
      <Code block data-testid="panel-query" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {query}
      </Code>
      <Anchor component={Link} href={searchHref} size="sm">
        Open in search
      </Anchor>
    </Stack>
  );
}
