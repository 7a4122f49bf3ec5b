import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN_PLACEHOLDER } from '../src/index';
import { TOKEN, fileOf, yamlDoc } from './helpers';

interface Service {
  image: string;
  command: string[];
  environment: Record<string, string>;
  volumes: string[];
  restart: string;
  user: string;
  read_only: boolean;
}

const service = (overrides = {}): Service => {
  const compose = yamlDoc(fileOf('docker-compose', overrides).content) as { services: Record<string, Service> };
  assert.deepEqual(Object.keys(compose), ['services']);
  assert.deepEqual(Object.keys(compose.services), ['kubetrail-agent']);
  return compose.services['kubetrail-agent']!;
};

describe('docker compose snippet', () => {
  test('is named for the console and says it is for hosts outside Kubernetes', () => {
    const f = fileOf('docker-compose');
    assert.equal(f.filename, 'docker-compose.kubetrail-agent.yml');
    assert.equal(f.language, 'yaml');
    assert.match(f.purpose, /registered clusters/);
    assert.match(f.purpose, /outside Kubernetes/);
  });

  test('runs the agent in tail mode with the server, token and state dir', () => {
    const s = service({ serverUrl: 'http://kubetrail.example:4000/' });
    assert.equal(s.image, 'kubetrail/agent:0.1.0');
    assert.deepEqual(s.command.slice(0, 3), ['tail', '--file', '/var/log/kubernetes/kubernetes.audit']);
    assert.ok(s.command.every((arg) => typeof arg === 'string'));
    assert.deepEqual(s.environment, {
      KUBETRAIL_SERVER: 'http://kubetrail.example:4000',
      KUBETRAIL_TOKEN: TOKEN,
      KUBETRAIL_STATE_DIR: '/var/lib/kubetrail-agent',
    });
    assert.equal(s.restart, 'unless-stopped');
    assert.equal(s.user, '0:0');
    assert.equal(s.read_only, true);
  });

  test('mounts the log directory read-only and a per-cluster state directory', () => {
    assert.deepEqual(service({ clusterId: 'c-k2' }).volumes, [
      '/var/log/kubernetes:/var/log/kubernetes:ro',
      '/var/lib/kubetrail-agent/c-k2:/var/lib/kubetrail-agent',
    ]);
  });

  test('a $ in a value is escaped from Compose interpolation', () => {
    const s = service({ token: 'kt_a$b${HOME}$$c' });
    assert.equal(s.environment.KUBETRAIL_TOKEN, 'kt_a$$b$${HOME}$$$$c');
    assert.equal(s.environment.KUBETRAIL_TOKEN!.replaceAll('$$', '$'), 'kt_a$b${HOME}$$c');
  });

  test('without a token it holds the placeholder', () => {
    assert.equal(service({ token: null }).environment.KUBETRAIL_TOKEN, TOKEN_PLACEHOLDER);
  });
});
