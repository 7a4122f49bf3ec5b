import { Select } from '@mantine/core';
import { dateTime } from '../../lib/format';
import { isPreset, NOW, RANGE_PRESETS } from './time-range';

const CUSTOM = 'custom';
// Relative ends read as typed (`now-3h`); absolute ones as the console writes times.
const shown = (t: string) => (t.startsWith(NOW) ? t : dateTime(t));

/** The presets, and the URL's own range as an extra choice when a link brought another one. */
export function RangeSelect({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  const preset = isPreset(from, to);
  const data = preset ? [...RANGE_PRESETS] : [...RANGE_PRESETS, { value: CUSTOM, label: `${shown(from)} – ${shown(to)}` }];
  return (
    <Select
      label="Time range"
      data={data}
      value={preset ? from : CUSTOM}
      onChange={(v) => v && v !== CUSTOM && onChange(v, NOW)}
      allowDeselect={false}
      w={preset ? 180 : 420}
    />
  );
}
