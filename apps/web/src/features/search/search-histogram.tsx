import { BarChart } from '@mantine/charts';
import { Card, Text } from '@mantine/core';
import type { Histogram } from './search-types';

const DAY = 86_400;

/** Buckets in UTC, as every time in the console: the day once buckets span days, the hour within one. */
function bucketLabel(start: string, bucketSeconds: number, spanSeconds: number): string {
  const iso = new Date(start).toISOString();
  if (bucketSeconds >= DAY) return iso.slice(5, 10);
  return spanSeconds > DAY ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, bucketSeconds < 60 ? 19 : 16);
}

export function SearchHistogram({ histogram }: { histogram: Histogram }) {
  const span = histogram.buckets.length * histogram.bucketSeconds;
  const data = histogram.buckets.map((b) => ({ time: bucketLabel(b.start, histogram.bucketSeconds, span), events: b.count }));
  return (
    <Card withBorder padding="sm" data-testid="histogram">
      <Text size="xs" c="dimmed" mb={4}>
        Matching events per {histogram.bucketSeconds >= 60 ? `${histogram.bucketSeconds / 60} min` : `${histogram.bucketSeconds} s`} (UTC)
      </Text>
      <BarChart h={140} data={data} dataKey="time" series={[{ name: 'events', color: 'indigo.6' }]} withLegend={false} tickLine="none" />
    </Card>
  );
}
