'use client';
import { LineChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { count } from '../../lib/format';
import { ResultChart, ResultTable } from '../search/analytics-result';
import { cellText } from '../search/cell-text';
import { chartShapeOf } from '../search/chart-shape';
import { hourlySeries, type ReportRange } from './hourly-series';
import type { ReportPanelResult } from './report-types';

// Hours as the console writes times (UTC), without the year.
const hourLabel = (ms: number) => cellText(new Date(ms)).slice(5, 16);

function Stat({ result }: { result: ReportPanelResult }) {
  const { columns, rows } = result.answer;
  const row = rows[0] ?? [];
  return (
    <Group gap="xl">
      {columns.map((column, i) => (
        <Stack key={column} gap={0}>
          <Text fz={32} fw={700} lh={1.1} data-testid={`stat-${column}`}>
            {count(Number(row[i] ?? 0))}
          </Text>
          {columns.length > 1 && (
            <Text size="sm" c="dimmed">
              {column}
            </Text>
          )}
        </Stack>
      ))}
    </Group>
  );
}

function Line({ result, range, h }: { result: ReportPanelResult; range: ReportRange; h: number }) {
  const { columns, rows } = result.answer;
  // Fixed keys: recharts reads a dotted dataKey as a path.
  const data = hourlySeries(rows, range).map(({ hour, value }) => ({ time: hourLabel(hour), value }));
  return (
    <LineChart
      h={h}
      data={data}
      dataKey="time"
      series={[{ name: 'value', label: columns[1], color: 'indigo.6' }]}
      curveType="linear"
      withDots={false}
      withLegend={false}
      data-testid="line-chart"
    />
  );
}

/** A panel's answer as its kind shows it; the large view of a panel is the same body, taller. */
export function PanelBody({ result, range, large = false }: { result: ReportPanelResult; range: ReportRange; large?: boolean }): ReactNode {
  const { panel, answer } = result;
  if (panel.kind === 'stat') return <Stat result={result} />;
  if (answer.rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        None in this range.
      </Text>
    );
  const h = large ? 560 : 240;
  if (panel.kind === 'line') return <Line result={result} range={range} h={h} />;
  const shape = panel.kind === 'bar' ? chartShapeOf(answer.columns, answer.rows) : null;
  return shape ? <ResultChart answer={answer} shape={shape} h={h} /> : <ResultTable answer={answer} label={panel.title} />;
}
