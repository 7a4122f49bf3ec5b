import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { setAuditEnabled, revokeClusterToken, createClusterToken } from '@kubetrail/core';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { eventList, makeEvent, post } from '../support/events';

// Small limits so every refusal can be provoked cheaply.
const LIMITS = { maxBodyBytes: 256 * 1024, maxInflatedBytes: 1024 * 1024, maxEventsPerBatch: 50, maxEventBytes: 16 * 1024 };

let platform: TestPlatform;
let cluster: { id: string; token: string; tokenId: string };
let webhook: string;
let push: string;
let accepted = 0;

before(async () => {
  platform = await startTestPlatform({ limits: LIMITS });
  cluster = await platform.newCluster();
  webhook = `${platform.ingestUrl}/v1/webhook`;
  push = `${platform.ingestUrl}/trpc/agent.pushBatch`;
});
after(async () => {
  await platform?.stop();
});

async function acceptGood(n = 3) {
  const res = await post(webhook, eventList(Array.from({ length: n }, () => makeEvent())), { token: cluster.token });
  assert.equal(res.status, 200, res.text);
  accepted += n;
}

describe('POST /v1/webhook refuses bad input with a status and a JSON {code, message}', () => {
  test('a good batch is accepted', () => acceptGood(5));

  test('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await post(webhook, '{"apiVersion": "audit.k8s.io/v1", "items": [', { token: cluster.token });
    assert.equal(res.status, 400);
    assert.equal(res.json.code, 'MALFORMED_JSON');
    assert.match(res.json.message!, /not valid JSON/);
  });

  test('wrong type names the field → 400 items[1].verb', async () => {
    const res = await post(webhook, eventList([makeEvent(), makeEvent({ verb: 42 as unknown as string })]), { token: cluster.token });
    assert.equal(res.status, 400);
    assert.equal(res.json.code, 'INVALID_EVENT');
    assert.match(res.json.message!, /^items\[1\]\.verb: /);
  });

  test('missing required field and bad envelope → 400', async () => {
    const { auditID: _, ...noId } = makeEvent();
    let res = await post(webhook, eventList([noId]), { token: cluster.token });
    assert.equal(res.status, 400);
    assert.match(res.json.message!, /^items\[0\]\.auditID/);
    res = await post(webhook, { kind: 'EventList', apiVersion: 'v1', items: [] }, { token: cluster.token });
    assert.equal(res.status, 400);
    assert.match(res.json.message!, /^apiVersion/);
    res = await post(webhook, [1, 2], { token: cluster.token });
    assert.equal(res.status, 400);
  });

  test('missing, unknown and revoked tokens → 401', async () => {
    assert.equal((await post(webhook, eventList([makeEvent()]))).status, 401);
    const unknown = await post(webhook, eventList([makeEvent()]), { token: 'kt_not-a-real-token' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.code, 'UNAUTHORIZED');
    const extra = await createClusterToken(platform.deps, cluster.id);
    assert.equal((await post(webhook, eventList([makeEvent()]), { token: extra.token })).status, 200);
    accepted += 1;
    await revokeClusterToken(platform.deps, cluster.id, extra.tokenId);
    await new Promise((r) => setTimeout(r, 300)); // the ingest caches token look-ups for 200 ms in tests
    assert.equal((await post(webhook, eventList([makeEvent()]), { token: extra.token })).status, 401);
  });

  test('disabled auditing → 403 AUDIT_DISABLED; enabling resumes', async () => {
    await setAuditEnabled(platform.deps, cluster.id, false);
    await new Promise((r) => setTimeout(r, 300));
    const res = await post(webhook, eventList([makeEvent()]), { token: cluster.token });
    assert.equal(res.status, 403);
    assert.equal(res.json.code, 'AUDIT_DISABLED');
    await setAuditEnabled(platform.deps, cluster.id, true);
    await new Promise((r) => setTimeout(r, 300));
    await acceptGood(1);
  });

  test('oversized body, gzip bomb, too many events, oversized event → 413', async () => {
    const big = await post(webhook, eventList([makeEvent({ requestObject: { blob: 'x'.repeat(300 * 1024) } })]), { token: cluster.token });
    assert.equal(big.status, 413);
    assert.equal(big.json.code, 'PAYLOAD_TOO_LARGE');
    // 64 MiB of zeros compresses to ~64 KiB: under the wire limit, far over the inflated one.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < LIMITS.maxBodyBytes);
    const bombRes = await post(webhook, bomb, { token: cluster.token, headers: { 'content-encoding': 'gzip' } });
    assert.equal(bombRes.status, 413);
    assert.match(bombRes.json.message!, /decompressed/);
    const many = await post(webhook, eventList(Array.from({ length: 51 }, () => makeEvent())), { token: cluster.token, gzip: true });
    assert.equal(many.status, 413);
    const fat = await post(webhook, eventList([makeEvent(), makeEvent({ requestObject: { blob: 'y'.repeat(20 * 1024) } })]), {
      token: cluster.token,
    });
    assert.equal(fat.status, 413);
    assert.match(fat.json.message!, /^items\[1\]/);
  });

  test('values jsonb or a double would alter are refused, naming the field', async () => {
    const nul = await post(webhook, eventList([makeEvent({ userAgent: 'evil\u0000agent' })]), { token: cluster.token });
    assert.equal(nul.status, 400);
    assert.match(nul.json.message!, /^items\[0\]\.userAgent: .*NUL/);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 150; i++) deep = { d: deep };
    const nested = await post(webhook, eventList([makeEvent({ requestObject: deep })]), { token: cluster.token });
    assert.equal(nested.status, 400);
    assert.match(nested.json.message!, /deeper than/);
    const surrogate = await post(
      webhook,
      `{"apiVersion":"audit.k8s.io/v1","kind":"EventList","items":[${JSON.stringify(makeEvent({ verb: 'X' })).replace('"X"', '"\\ud800"')}]}`,
      { token: cluster.token },
    );
    assert.equal(surrogate.status, 400);
  });

  test('unsupported encoding → 415, bad gzip → 400, unknown route → 404', async () => {
    const br = await post(webhook, eventList([makeEvent()]), { token: cluster.token, headers: { 'content-encoding': 'br' } });
    assert.equal(br.status, 415);
    const badGzip = await post(webhook, 'not gzip at all', { token: cluster.token, headers: { 'content-encoding': 'gzip' } });
    assert.equal(badGzip.status, 400);
    const nowhere = await post(`${platform.ingestUrl}/v2/nowhere`, {});
    assert.equal(nowhere.status, 404);
    assert.equal(nowhere.json.code, 'NOT_FOUND');
  });

  test('hostile strings in every field are stored faithfully', async () => {
    const hostile = `'; DROP TABLE audit_events; -- \t\n\r\\ "quoted" \\N {"a":1} ${'\u202e'} 𝕜8𝕤 ✓ <script>alert(1)</script>`;
    const ev = makeEvent({
      verb: hostile,
      user: { username: hostile, groups: [hostile, '{"x"}', 'a,b'] },
      objectRef: { resource: hostile, namespace: hostile, name: hostile },
      userAgent: hostile,
      sourceIPs: [hostile],
      annotations: { [hostile]: hostile },
    });
    const res = await post(webhook, eventList([ev]), { token: cluster.token });
    assert.equal(res.status, 200, res.text);
    accepted += 1;
    await platform.waitForEvents(cluster.id, accepted);
    const { rows } = await platform.deps.pool.query(
      'SELECT event, username, user_groups, verb, source_ip FROM audit_events WHERE audit_id = $1',
      [ev.auditID],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].event, ev);
    assert.equal(rows[0].username, hostile);
    assert.deepEqual(rows[0].user_groups, [hostile, '{"x"}', 'a,b']);
    assert.equal(rows[0].source_ip, null);
  });

  test('each event is stored as received: numbers keep every digit', async () => {
    const ev = makeEvent();
    const text = JSON.stringify(ev).replace(
      /}$/,
      ',"requestObject":{"ratio":0.12345678901234567890123,"one":1.0,"big":-1.5e300,"wide":12345678901234567890}}',
    );
    const res = await post(webhook, `{"apiVersion":"audit.k8s.io/v1","kind":"EventList","items":[\n  ${text}\n]}`, {
      token: cluster.token,
    });
    assert.equal(res.status, 200, res.text);
    accepted += 1;
    await platform.waitForEvents(cluster.id, accepted);
    const { rows } = await platform.deps.pool.query(
      "SELECT event->'requestObject'->>'ratio' AS ratio, event->'requestObject'->>'one' AS one, event->'requestObject'->>'wide' AS wide, event_bytes FROM audit_events WHERE audit_id = $1",
      [ev.auditID],
    );
    assert.deepEqual(rows[0], {
      ratio: '0.12345678901234567890123',
      one: '1.0',
      wide: '12345678901234567890',
      event_bytes: Buffer.byteLength(text),
    });
    const huge = await post(
      webhook,
      `{"apiVersion":"audit.k8s.io/v1","kind":"EventList","items":[${JSON.stringify(makeEvent()).replace(/}$/, ',"requestObject":{"n":1e-20000}}')}]}`,
      { token: cluster.token },
    );
    assert.equal(huge.status, 400);
    assert.equal(huge.json.code, 'UNSTORABLE_VALUE');
  });

  test('dates PostgreSQL would refuse are refused at the door', async () => {
    const res = await post(webhook, eventList([makeEvent({ stageTimestamp: '2026-02-30T10:00:00.000000Z' })]), { token: cluster.token });
    assert.equal(res.status, 400);
    assert.match(res.json.message!, /^items\[0\]\.stageTimestamp/);
  });

  test('the ingest kept serving and lost nothing it accepted', async () => {
    await acceptGood(2);
    assert.equal(await platform.waitForEvents(cluster.id, accepted), accepted);
    assert.equal(await platform.countEvents(cluster.id), accepted, 'no refused batch stored anything');
  });
});

describe('tRPC agent procedures', () => {
  test('pushBatch accepts gzip, names bad fields, and re-sent (stream, seq) batches are stored once', async () => {
    const c = await platform.newCluster();
    const events = Array.from({ length: 4 }, () => makeEvent());
    const body = { streamId: 'node-1.kubernetes.audit', seq: 0, events };
    const first = await post(push, body, { token: c.token, gzip: true });
    assert.equal(first.status, 200, first.text);
    const again = await post(push, body, { token: c.token });
    assert.equal(again.status, 200);
    assert.equal(await platform.waitForEvents(c.id, 4), 4);
    await new Promise((r) => setTimeout(r, 500));
    const third = await post(push, body, { token: c.token });
    assert.equal((third.json as { result: { data: { duplicate: boolean } } }).result.data.duplicate, true);
    assert.equal(await platform.countEvents(c.id), 4);
    const bad = await post(push, { ...body, seq: 1, events: [makeEvent(), { ...makeEvent(), stage: 'Done' }] }, { token: c.token });
    assert.equal(bad.status, 400);
    const err = (bad.json as { error: { message: string; data: { appCode: string } } }).error;
    assert.match(err.message, /^events\[1\]\.stage/);
    assert.equal(err.data.appCode, 'INVALID_EVENT');
    const unauth = await post(push, body, {});
    assert.equal(unauth.status, 401);
  });

  test('heartbeat and config', async () => {
    const c = await platform.newCluster('dedicated');
    const hb = await post(
      `${platform.ingestUrl}/trpc/agent.heartbeat`,
      {
        streamId: 's-1',
        agentVersion: '0.1.0',
        kubernetesVersion: 'v1.30.2',
        mode: 'tail',
        lagSeconds: 1.5,
        pendingBatches: 0,
        lastSeq: 7,
      },
      { token: c.token },
    );
    assert.equal(hb.status, 200, hb.text);
    const beat = await platform.deps.db.agentHeartbeat.findFirst({ where: { clusterId: c.id } });
    assert.equal(beat?.kubernetesVersion, 'v1.30.2');
    assert.equal(beat?.lastSeq, 7);
    const cfg = await fetch(`${platform.ingestUrl}/trpc/agent.config`, { headers: { authorization: `Bearer ${c.token}` } });
    const data = ((await cfg.json()) as { result: { data: { clusterId: string; auditEnabled: boolean } } }).result.data;
    assert.equal(data.clusterId, c.id);
    assert.equal(data.auditEnabled, true);
  });

  test('/healthz and /metrics', async () => {
    const health = await fetch(`${platform.ingestUrl}/healthz`);
    assert.equal(health.status, 200);
    const metrics = await (await fetch(`${platform.ingestUrl}/metrics`)).text();
    assert.match(metrics, /kubetrail_ingest_events_accepted_total \d+/);
    assert.match(metrics, /kubetrail_ingest_requests_total\{route="webhook",status="413"\}/);
  });
});
