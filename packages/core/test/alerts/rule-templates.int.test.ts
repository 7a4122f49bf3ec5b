import { after as afterAll, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRule, RULE_TEMPLATES, saveRule } from '../../src/index';
import { at, BASE, ev, queryFixture, type QueryFixture } from '../query/query-fixture';
import { execAt, MINUTE } from './alert-fixture';

// The seeds' two rules, saved from their templates unchanged, over a
// quarter hour in which one address fails at the rule's threshold and
// others just miss it.
let f: QueryFixture;

/** `n` requests from `ip` in the first quarter hour, `refused` of them answered 403. */
const requests = (ip: string, n: number, refused: number) =>
  Array.from({ length: n }, (_, i) => {
    const ts = at((i + 1) * 20_000);
    return ev({ sourceIPs: [ip], responseStatus: { code: i < refused ? 403 : 200 }, requestReceivedTimestamp: ts, stageTimestamp: ts });
  });

before(async () => {
  f = await queryFixture();
  await f.store(f.cluster, [
    execAt(2, 'alice@example.com'),
    ...requests('34.120.5.6', 10, 6), // 10 requests, 60 % refused: fires
    ...requests('34.120.5.7', 9, 9), // one request short
    ...requests('34.120.5.8', 20, 10), // exactly half refused: not above 50 %
    ...requests('10.1.2.3', 30, 30), // inside the network
  ]);
});
afterAll(async () => {
  await f?.close();
});

async function ruleFrom(templateId: string) {
  const template = RULE_TEMPLATES.find((t) => t.id === templateId)!;
  const { rule } = await saveRule(f.deps, f.project, template.rule);
  await f.deps.db.alertRule.update({ where: { id: rule.id }, data: { lastWindowEnd: new Date(BASE) } });
  return rule;
}

const sent = (ruleId: string) => f.deps.db.alertFiring.findMany({ where: { ruleId, status: 'firing' }, orderBy: { createdAt: 'asc' } });

test("the seeds' exec rule fires once for the exec, with who ran what where", async () => {
  const rule = await ruleFrom('container-exec');
  await evaluateRule(f.deps, rule.id, new Date(BASE + 15 * MINUTE + 61_000));
  const firings = await sent(rule.id);
  assert.equal(firings.length, 1);
  assert.match(firings[0]!.text, /^alice@example\.com ran "command=sh.*" in \/api\/v1\/namespaces\/default\/pods\/web-1 from /);
});

test("the seeds' Internet-access rule fires for the address over 10 requests and 50 % refused, and no other", async () => {
  const rule = await ruleFrom('internet-access-failing');
  await evaluateRule(f.deps, rule.id, new Date(BASE + 15 * MINUTE + 61_000));
  const firings = await sent(rule.id);
  assert.deepEqual(
    firings.map((x) => x.groupValues),
    [{ 'Source IP address': '34.120.5.6' }],
  );
  assert.match(firings[0]!.text, /^34\.120\.5\.6 \(.*\) sent 10 requests, 60% refused; risky: (yes|no)$/);
});
