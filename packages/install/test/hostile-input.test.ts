import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { installFiles, type InstallFile } from '../src/index';
import { byKind, file, keyPaths, manifestObjects, target, yamlDoc, yamlDocs } from './helpers';

// Names that would add documents, keys, anchors or tags if they were pasted into YAML text.
const HOSTILE_NAMES = [
  `prod "eu" 'west'`,
  'x\n---\nkind: Secret\nmetadata: {name: stolen}',
  'name: evil',
  'a: b\nevil: {}',
  '{}',
  '[1, 2]',
  '--- \n...\n---',
  '# not a comment',
  '&anchor *alias !!binary',
  '!foo x',
  '!!binary aGk=',
  '- item',
  '|\n  block',
  'prod\r\nextra: 1',
  '  leading and trailing  ',
  'yes',
  '0:0',
  '0777',
  '',
  'ünïcödé 生产 🚀',
  'x'.repeat(500),
];

const YAML_FILES = ['daemonset', 'audit-policy', 'webhook-kubeconfig', 'docker-compose'] as const;

const filesFor = (clusterName: string): InstallFile[] => installFiles(target({ clusterName }));
const shape = (text: string) => yamlDocs(text).map((doc) => keyPaths(doc));

describe('a hostile cluster name', () => {
  const benign = filesFor('prod-eu');

  for (const name of HOSTILE_NAMES) {
    test(`cannot change the files' structure: ${JSON.stringify(name).slice(0, 40)}`, () => {
      const hostile = filesFor(name);
      for (const id of YAML_FILES) {
        assert.deepEqual(shape(file(hostile, id).content), shape(file(benign, id).content), id);
      }
      // Still valid Kubernetes, and the name is stored exactly as given.
      const objects = manifestObjects(file(hostile, 'daemonset').content);
      for (const obj of objects) {
        assert.equal((obj.metadata as { annotations?: Record<string, string> }).annotations?.['kubetrail.io/cluster-name'], name, obj.kind);
      }
      const compose = yamlDoc(file(hostile, 'docker-compose').content) as { services: Record<string, { labels: Record<string, string> }> };
      assert.equal(compose.services['kubetrail-agent']!.labels['kubetrail.io/cluster-name'], name);
      // The flags file stays comments, flags and blank lines, line for line.
      const flags = file(hostile, 'apiserver-flags').content.split('\n');
      assert.equal(flags.length, file(benign, 'apiserver-flags').content.split('\n').length);
      for (const line of flags) assert.match(line, /^(#.*|--[a-z-]+=\S+|)$/);
    });
  }

  test('loses line separators other parsers would break lines at, and nothing else', () => {
    const hostile = filesFor('a\u2028b: c\u0085d\u2029e\u007ff');
    for (const f of hostile) assert.doesNotMatch(f.content, /[\u0085\u2028\u2029\u007f]/, f.id);
    const ds = byKind<{ metadata: { annotations: Record<string, string> } }>(
      manifestObjects(file(hostile, 'daemonset').content),
      'DaemonSet',
    );
    assert.equal(ds.metadata.annotations['kubetrail.io/cluster-name'], 'a b: c d e f');
  });

  test('a cluster name reading as a boolean or number in YAML 1.1 stays a string', () => {
    const secretName = (clusterName: string) =>
      byKind<{ metadata: { annotations: Record<string, unknown> } }>(
        manifestObjects(file(filesFor(clusterName), 'daemonset').content),
        'Secret',
      ).metadata.annotations['kubetrail.io/cluster-name'];
    for (const name of ['yes', 'on', 'N', '0:0', '0777', '0o17', '1e3', '~', 'null', '2024-01-01']) {
      assert.equal(secretName(name), name);
    }
  });
});
