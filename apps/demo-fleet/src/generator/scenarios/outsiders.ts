import { apiRequest, pathRequest, type Actor } from '../api-request';
import type { ResourceTarget } from '../api-resources';
import { forbid, PUBLIC_INFO } from '../authorization';
import type { RequestSpec } from '../request-spec';
import { forbidden, forbiddenPath, unauthorized } from '../responses';
import { at, type PlannedRequest, type SimContext } from './context';

const ANONYMOUS = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

// Address blocks used in GeoIP test data and documentation, plus hosting ranges scanners live in.
const SCANNER_IPS = [
  '175.16.199.5',
  '175.16.199.77',
  '67.43.156.12',
  '185.220.101.34',
  '185.220.101.201',
  '45.155.205.91',
  '89.248.165.18',
  '198.51.100.203',
  '192.0.2.44',
];
const SCANNER_AGENTS = [
  'Go-http-client/1.1',
  'python-requests/2.32.3',
  'curl/8.9.1',
  'Mozilla/5.0 zgrab/0.x',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'kubectl/v1.27.3 (linux/amd64) kubernetes/25b4e43',
];
const PUBLIC_INFO_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);
const SCANNED_PATHS = [
  '/',
  '/version',
  '/healthz',
  '/api',
  '/apis',
  '/.env',
  '/metrics',
  '/openapi/v2',
  '/swagger.json',
  '/login',
  '/readyz',
  '/apis/apps/v1',
];
const SCANNED_RESOURCES: ResourceTarget[] = [
  { resource: 'pods' },
  { resource: 'secrets' },
  { resource: 'secrets', namespace: 'kube-system' },
  { resource: 'namespaces' },
  { resource: 'nodes' },
  { resource: 'deployments' },
  { resource: 'configmaps', namespace: 'kube-system' },
];

/** Internet scanners probing the API endpoint without credentials. */
export function scannerScenario(ctx: SimContext): PlannedRequest[] {
  const { rng, profile } = ctx;
  const actor: Actor = { user: ANONYMOUS, sourceIp: rng.pick(SCANNER_IPS), userAgent: rng.pick(SCANNER_AGENTS) };
  if (!profile.anonymousAuth) return [at(0, failedAuthentication(ctx, actor.sourceIp, actor.userAgent, []))];
  if (rng.chance(0.6)) {
    const path = rng.pick(SCANNED_PATHS);
    const allowed = PUBLIC_INFO_PATHS.has(path);
    return [
      at(0, pathRequest(rng, actor, path, allowed ? PUBLIC_INFO : forbid(), allowed ? undefined : forbiddenPath(ANONYMOUS.username, path))),
    ];
  }
  const target = rng.pick(SCANNED_RESOURCES);
  const verb = 'list';
  return [
    at(
      0,
      apiRequest(rng, actor, verb, target, {
        authorization: forbid(),
        response: forbidden(ANONYMOUS.username, verb, target),
        durationMs: rng.latency(1, 20),
      }),
    ),
  ];
}

/** Load balancer health checks: anonymous, allowed, relentless. */
export function probeScenario(ctx: SimContext): PlannedRequest[] {
  const { rng, profile } = ctx;
  const ips = profile.controlPlaneIps.map((ip) => ip.replace(/\.\d+$/, '.5'));
  const actor: Actor = { user: ANONYMOUS, sourceIp: rng.pick(ips), userAgent: 'Go-http-client/2.0' };
  return [at(0, pathRequest(rng, actor, rng.pick(['/healthz', '/readyz', '/livez']), PUBLIC_INFO))];
}

/** Expired CI tokens, stale kubeconfigs and guessed credentials: `user: {}` and a 401. */
export function failedAuthScenario(ctx: SimContext): PlannedRequest[] {
  const { rng, profile } = ctx;
  const origin = rng.weighted([
    ['ci', 3],
    ['stale-kubeconfig', 3],
    ['internet', 4],
  ] as const);
  if (origin === 'stale-kubeconfig') {
    const human = rng.pick(profile.humans);
    return [at(0, failedAuthentication(ctx, human.privateIp, human.userAgent, ['x509']))];
  }
  if (origin === 'ci') {
    const ci = profile.apps.find((a) => a.externalIps);
    const ip = ci?.externalIps ? rng.pick(ci.externalIps) : '140.82.112.23';
    return [at(0, failedAuthentication(ctx, ip, 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350', ['bearer']))];
  }
  return [at(0, failedAuthentication(ctx, rng.pick(SCANNER_IPS), rng.pick(SCANNER_AGENTS), rng.pick([['bearer'], ['basic'], []])))];
}

function failedAuthentication(ctx: SimContext, sourceIp: string, userAgent: string, methods: string[]): RequestSpec {
  const { rng } = ctx;
  const actor: Actor = { user: {}, sourceIp, userAgent };
  const asResource = rng.chance(0.5);
  const spec = asResource
    ? apiRequest(rng, actor, 'list', rng.pick(SCANNED_RESOURCES), {
        authorization: forbid(),
        response: unauthorized(methods),
        durationMs: rng.latency(0.4, 10),
      })
    : pathRequest(rng, actor, rng.pick(['/api?timeout=32s', '/apis?timeout=32s', '/version', '/']), forbid(), unauthorized(methods));
  const { authorization: _unused, ...rest } = spec;
  return { ...rest, failedAuthentication: true };
}
