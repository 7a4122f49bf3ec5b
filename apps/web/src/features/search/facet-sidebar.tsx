import { Badge, NavLink, Stack, Text } from '@mantine/core';
import { count } from '../../lib/format';
import { FACET_FIELDS } from './facet-fields';
import type { Facets } from './search-types';

/** The top values of a few fields among the matches; a click narrows the search to one. */
export function FacetSidebar({ facets, onFilter }: { facets: Facets; onFilter: (field: string, value: string | null) => void }) {
  return (
    <Stack gap="md" component="aside" aria-label="Top values">
      {FACET_FIELDS.map((field) => {
        const values = facets[field] ?? [];
        return (
          <Stack key={field} gap={0} data-facet={field}>
            <Text size="xs" fw={600} c="dimmed" ff="monospace" mb={2}>
              {field}
            </Text>
            {values.length === 0 && (
              <Text size="xs" c="dimmed">
                no values
              </Text>
            )}
            {values.map((v) => (
              <NavLink
                key={v.value ?? ''}
                component="button"
                onClick={() => onFilter(field, v.value)}
                data-value={v.value ?? ''}
                title={v.value === null ? `Only events without ${field}` : `Only ${field}: ${v.value}`}
                label={v.value ?? '(none)'}
                c={v.value === null ? 'dimmed' : undefined}
                rightSection={
                  <Badge size="sm" variant="light" color="gray">
                    {count(v.count)}
                  </Badge>
                }
                py={2}
              />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
