import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPolicy, CompiledPolicyShapeError, decodeCompiledPolicy } from '../src/engine';
import { parsePolicy, PRESETS } from '../src/index';
import { event, policyOf } from './helpers';

const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('decodeCompiledPolicy', () => {
  for (const [name, source] of Object.entries(PRESETS)) {
    test(`the ${name} preset survives JSON unchanged`, () => {
      const compiled = parsePolicy(source);
      assert.deepEqual(decodeCompiledPolicy(overTheWire(compiled)), compiled);
    });
  }

  test('a rule that defers omitManagedFields to the policy keeps deferring after JSON', () => {
    const compiled = policyOf([{ level: 'Metadata' }], { omitManagedFields: true });
    const decoded = decodeCompiledPolicy(overTheWire(compiled));
    assert.equal(decoded.rules[0]!.omitManagedFields, undefined);
    assert.equal(decoded.omitManagedFields, true);
  });

  const bad: Array<[string, (p: Record<string, unknown>) => void, RegExp]> = [
    ['an unknown level', (p) => ((p.rules as Array<Record<string, unknown>>)[0]!.level = 'Everything'), /rules\[0\]\.level/],
    ['a stage that does not exist', (p) => (p.omitStages = ['Later']), /omitStages\[0\]/],
    ['verbs that are not strings', (p) => ((p.rules as Array<Record<string, unknown>>)[0]!.verbs = [1]), /rules\[0\]\.verbs/],
    ['a missing rules list', (p) => delete p.rules, /rules must be a list/],
    ['an unknown apiVersion', (p) => (p.apiVersion = 'audit.k8s.io/v2'), /apiVersion/],
    [
      'a resource group that is not a string',
      (p) => ((p.rules as Array<Record<string, unknown>>)[0]!.resources = [{ group: null, resources: [], resourceNames: [] }]),
      /rules\[0\]\.resources\[0\]\.group/,
    ],
  ];
  for (const [what, spoil, message] of bad) {
    test(`refuses ${what}, naming the field`, () => {
      const wire = overTheWire(policyOf([{ level: 'Metadata', verbs: ['get'] }])) as Record<string, unknown>;
      spoil(wire);
      assert.throws(
        () => decodeCompiledPolicy(wire),
        (err: unknown) => err instanceof CompiledPolicyShapeError && message.test(err.message),
      );
    });
  }
});

describe('applyPolicy keeps an untouched event as the same object', () => {
  test('a Metadata event under a Metadata rule is returned itself', () => {
    const ev = event({ level: 'Metadata', requestObject: undefined, responseObject: undefined });
    assert.equal(applyPolicy(policyOf([{ level: 'Metadata' }]), ev), ev);
  });

  test('a RequestResponse event under a RequestResponse rule without managed fields is returned itself', () => {
    const ev = event({ level: 'RequestResponse', requestObject: { a: 1 }, responseObject: { metadata: { name: 'x' } } });
    assert.equal(applyPolicy(policyOf([{ level: 'RequestResponse' }], { omitManagedFields: true }), ev), ev);
  });

  test('an event that loses its response object is a new object and the input stays whole', () => {
    const ev = event({ level: 'RequestResponse', requestObject: { a: 1 }, responseObject: { b: 2 } });
    const out = applyPolicy(policyOf([{ level: 'Request' }]), ev);
    assert.notEqual(out, ev);
    assert.equal(out?.level, 'Request');
    assert.equal('responseObject' in out!, false);
    assert.deepEqual(ev.responseObject, { b: 2 });
  });

  test('stripping managed fields makes a new object', () => {
    const ev = event({ level: 'RequestResponse', responseObject: { metadata: { name: 'x', managedFields: [{}] } } });
    const out = applyPolicy(policyOf([{ level: 'RequestResponse' }], { omitManagedFields: true }), ev);
    assert.notEqual(out, ev);
    assert.deepEqual(out?.responseObject, { metadata: { name: 'x' } });
  });

  test('applying the same policy twice gives the same event back the second time', () => {
    const policy = parsePolicy(PRESETS.ack);
    const ev = event({ level: 'RequestResponse', verb: 'update', requestObject: { a: 1 }, responseObject: { b: 2 } });
    const once = applyPolicy(policy, ev);
    assert.ok(once);
    assert.equal(applyPolicy(policy, once), once);
  });
});
