'use client';
import { BarChart } from '@mantine/charts';
import { Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { count } from '../../lib/format';
import { cellText } from './cell-text';
import { chartShapeOf, type ChartShape } from './chart-shape';
import type { AnalyticsAnswer } from './search-types';

/** The result's labels and numbers as bars. */
export function ResultChart({ answer, shape, h = 320 }: { answer: AnalyticsAnswer; shape: ChartShape; h?: number }) {
  // Fixed keys: recharts reads a dotted dataKey (`objectRef.resource`) as a path.
  const data = answer.rows.map((row) => ({ label: cellText(row[shape.label]) || '(none)', value: row[shape.value] as number }));
  return (
    <BarChart
      h={h}
      data={data}
      dataKey="label"
      series={[{ name: 'value', label: answer.columns[shape.value], color: 'indigo.6' }]}
      data-testid="result-chart"
    />
  );
}

/** The result's rows; `label` names the table for readers of a page with several. */
export function ResultTable({ answer, label = 'Query result' }: { answer: AnalyticsAnswer; label?: string }) {
  // Numbers line up on the right, their headers with them.
  const numeric = answer.columns.map(
    (_, i) => answer.rows.length > 0 && answer.rows.every((row) => typeof row[i] === 'number' || row[i] === null),
  );
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table aria-label={label} striped verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {answer.columns.map((c, i) => (
              <Table.Th key={i} ta={numeric[i] ? 'right' : undefined}>
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {answer.rows.map((row, r) => (
            <Table.Tr key={r}>
              {row.map((cell, i) => (
                <Table.Td key={i} ta={numeric[i] ? 'right' : undefined}>
                  {cellText(cell)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The table an analytics query computed, or its bars when it is labels and numbers. */
export function AnalyticsResult({ answer }: { answer: AnalyticsAnswer }) {
  const [view, setView] = useState('table');
  const shape = chartShapeOf(answer.columns, answer.rows);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" data-testid="result-rows">
          {count(answer.rows.length)} {answer.rows.length === 1 ? 'row' : 'rows'}
          {answer.truncated && ', the first ones only: narrow the query or add a LIMIT'}
        </Text>
        {shape && (
          <SegmentedControl
            size="xs"
            aria-label="Show the result as"
            value={view}
            onChange={setView}
            data={[
              { value: 'table', label: 'Table' },
              { value: 'chart', label: 'Bar chart' },
            ]}
          />
        )}
      </Group>
      {shape && view === 'chart' ? <ResultChart answer={answer} shape={shape} /> : <ResultTable answer={answer} />}
    </Stack>
  );
}
