import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { templateFields } from '@kubetrail/alerts';
import { DETECTIONS, type Detection } from '@kubetrail/detections';
import { DETECTION_FIXTURES, shiftEvents } from '@kubetrail/detections/fixtures';
import { runQuery } from '../../src/index';
import { BASE, HOUR, queryFixture, type QueryFixture } from '../query/query-fixture';

// Every detection's positive fixture goes to the `prod` cluster and its near
// miss to `staging`, each detection in an hour of its own, so a query only
// ever sees the events meant for it.
let f: QueryFixture;
const slot = (i: number) => new Date(BASE + i * HOUR);

before(async () => {
  f = await queryFixture();
  const side = (which: 'positive' | 'negative') => DETECTIONS.flatMap((d, i) => shiftEvents(DETECTION_FIXTURES[d.id]![which], slot(i)));
  await f.store(f.cluster, side('positive'));
  await f.store(f.otherCluster, side('negative'));
});
after(() => f?.close());

/** The detection's query over its window, from the start of its hour, in one cluster. */
async function evaluate(d: Detection, i: number, cluster: 'prod' | 'staging') {
  const from = slot(i);
  const to = new Date(from.getTime() + d.windowMinutes * 60_000);
  const answer = await runQuery(f.deps, { project: f.project, cluster, from, to, query: d.query });
  assert.equal(answer.kind, 'analytics');
  return answer.kind === 'analytics' ? answer : { columns: [] as string[], rows: [] as unknown[][] };
}

for (const [i, d] of DETECTIONS.entries()) {
  test(`${d.id}: a row for its fixture, none for the near miss (${DETECTION_FIXTURES[d.id]?.nearMiss})`, async () => {
    const hit = await evaluate(d, i, 'prod');
    assert.ok(hit.rows.length >= 1, `${d.id} returned no row for its positive fixture`);
    for (const field of templateFields(d.messageTemplate)) assert.ok(hit.columns.includes(field), `{{ ${field} }} is a column`);
    const first = Object.fromEntries(hit.columns.map((c, k) => [c, hit.rows[0]![k]]));
    for (const group of d.groupBy ?? []) assert.notEqual(first[group] ?? null, null, `${d.id}: the group column ${group} has a value`);
    const miss = await evaluate(d, i, 'staging');
    assert.deepEqual(miss.rows, [], `${d.id} returned rows for its near miss: ${JSON.stringify(miss.rows)}`);
  });
}
