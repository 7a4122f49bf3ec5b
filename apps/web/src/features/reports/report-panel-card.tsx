'use client';
import { ActionIcon, Box, Card, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { PanelBody } from './panel-body';
import { FullScreenIcon, QueryIcon } from './panel-icons';
import { PanelQuery } from './panel-query';
import type { ReportRange } from './hourly-series';
import type { ReportPanelResult } from './report-types';

interface Props {
  result: ReportPanelResult;
  /** the instants the report ran over */
  range: ReportRange;
  searchHref: string;
}

/** One panel: its title, its answer, its query on request, and a full-screen view. */
export function ReportPanelCard({ result, range, searchHref }: Props) {
  const { panel } = result;
  const [queryShown, query] = useDisclosure();
  const [fullScreen, screen] = useDisclosure();
  const queryLabel = queryShown ? 'Hide query' : 'Show query';
  return (
    <Card withBorder padding="sm" h="100%" data-panel={panel.id} component="section" aria-label={panel.title}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} size="sm">
            {panel.title}
          </Text>
          <Group gap={4} wrap="nowrap">
            <Tooltip label={queryLabel}>
              <ActionIcon
                variant={queryShown ? 'light' : 'subtle'}
                size="sm"
                onClick={query.toggle}
                aria-label={queryLabel}
                aria-expanded={queryShown}
              >
                <QueryIcon />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Full screen">
              <ActionIcon variant="subtle" size="sm" onClick={screen.open} aria-label={`Show ${panel.title} full screen`}>
                <FullScreenIcon />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        {queryShown && <PanelQuery query={panel.query} searchHref={searchHref} />}
        {/* Long tables scroll inside the card, so one busy panel does not push the others down. */}
        <Box mah={panel.kind === 'table' ? 320 : undefined} style={{ overflowY: 'auto' }}>
          <PanelBody result={result} range={range} />
        </Box>
      </Stack>
      <Modal opened={fullScreen} onClose={screen.close} fullScreen title={panel.title}>
        <Stack>
          <PanelQuery query={panel.query} searchHref={searchHref} />
          <PanelBody result={result} range={range} large />
        </Stack>
      </Modal>
    </Card>
  );
}
