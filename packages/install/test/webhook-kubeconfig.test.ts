import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN_PLACEHOLDER } from '../src/index';
import { TOKEN, fileOf, yamlDoc } from './helpers';

interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: { name: string; cluster: { server: string } }[];
  users: { name: string; user: { token: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  'current-context': string;
}

const kubeconfig = (overrides = {}) => yamlDoc(fileOf('webhook-kubeconfig', overrides).content) as unknown as Kubeconfig;

describe('webhook kubeconfig', () => {
  test('is a kubeconfig whose current context names its cluster and user', () => {
    const f = fileOf('webhook-kubeconfig');
    assert.equal(f.filename, 'kubetrail-webhook.kubeconfig');
    const config = kubeconfig();
    assert.equal(config.apiVersion, 'v1');
    assert.equal(config.kind, 'Config');
    const context = config.contexts.find((c) => c.name === config['current-context']);
    assert.ok(context, 'current-context exists');
    assert.ok(config.clusters.some((c) => c.name === context.context.cluster));
    assert.ok(config.users.some((u) => u.name === context.context.user));
  });

  test("posts to the ingest's /v1/webhook with the cluster token", () => {
    const config = kubeconfig();
    assert.deepEqual(config.clusters[0]!.cluster, { server: 'http://kubetrail.example:4000/v1/webhook' });
    assert.deepEqual(config.users[0]!.user, { token: TOKEN });
  });

  test('a trailing slash on the server URL does not double', () => {
    for (const serverUrl of ['http://kubetrail.example:4000/', 'http://kubetrail.example:4000//']) {
      assert.equal(kubeconfig({ serverUrl }).clusters[0]!.cluster.server, 'http://kubetrail.example:4000/v1/webhook', serverUrl);
    }
    assert.equal(
      kubeconfig({ serverUrl: 'https://audit.example/kubetrail/' }).clusters[0]!.cluster.server,
      'https://audit.example/kubetrail/v1/webhook',
    );
  });

  test('without a token it holds the placeholder, and says so', () => {
    const f = fileOf('webhook-kubeconfig', { token: null });
    assert.equal((yamlDoc(f.content) as unknown as Kubeconfig).users[0]!.user.token, TOKEN_PLACEHOLDER);
    assert.match(f.content, /^# Replace <REPLACE_WITH_CLUSTER_TOKEN> with the cluster's token/m);
  });
});
