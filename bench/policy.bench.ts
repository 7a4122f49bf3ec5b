// Audit policy evaluation speed on one core: the ACK and TKE presets over
// realistic events, against JSON.parse of the same events (work every event
// costs anyway) measured in the same run.
import { generateEvents } from '@kubetrail/demo-fleet';
import { applyPolicy, attributesFromEvent, evaluatePolicy, parsePolicy, PRESETS } from '@kubetrail/policy';

const COUNT = Number(process.env.BENCH_POLICY_EVENTS ?? 200_000);
const end = new Date();
const events = generateEvents({ profile: 'managed', seed: 11, count: COUNT, start: new Date(end.getTime() - 86_400_000), end });
const lines = events.map((e) => JSON.stringify(e));

/** Best of five timed passes after a warm-up, in events per second. */
function rate(pass: () => void): number {
  pass();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    pass();
    best = Math.min(best, performance.now() - t);
  }
  return COUNT / (best / 1000);
}

let sink = 0;
const baseline = rate(() => {
  for (const l of lines) sink += (JSON.parse(l) as { stage: string }).stage.length;
});
for (const name of ['ack', 'tke'] as const) {
  const policy = parsePolicy(PRESETS[name]);
  const evaluate = rate(() => {
    for (const e of events) sink += evaluatePolicy(policy, attributesFromEvent(e)).omitStages.length;
  });
  const apply = rate(() => {
    for (const e of events) sink += applyPolicy(policy, e) ? 1 : 0;
  });
  console.log(
    `policy.evaluate.${name} events/s=${evaluate.toFixed(0)} baseline.json-parse events/s=${baseline.toFixed(0)} ratio=${(evaluate / baseline).toFixed(2)}`,
  );
  console.log(
    `policy.apply.${name} events/s=${apply.toFixed(0)} baseline.json-parse events/s=${baseline.toFixed(0)} ratio=${(apply / baseline).toFixed(2)}`,
  );
}
if (sink === 0) console.log('');
