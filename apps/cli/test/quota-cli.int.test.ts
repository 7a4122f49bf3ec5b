import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { userInfo } from 'node:os';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { cliAgainst } from './support/run-cli';

let db: TestDatabase;
const { cli, json } = cliAgainst(() => db.url);

before(async () => {
  db = await createTestDatabase('kt_cli_quota');
});
after(async () => {
  await db?.drop();
});

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

type Report = {
  scope: string;
  project: { id: string; name: string } | null;
  cluster: { id: string; name: string } | null;
  quotas: Record<
    'projectsPerUser' | 'clustersPerProject' | 'alertRulesPerProject' | 'ingestEventsPerSecond',
    { limit: number; source: string }
  >;
};

function refused(args: string[], exit: number): { code: string; message: string } {
  const r = cli(...args, '--json');
  assert.equal(r.status, exit, r.stderr);
  assert.equal(r.stdout, '');
  return (JSON.parse(r.stderr) as { error: { code: string; message: string } }).error;
}

test('quota get prints the effective quotas and where each comes from', () => {
  const defaults = json('quota', 'get') as unknown as Report;
  assert.deepEqual(defaults, {
    scope: 'global',
    project: null,
    cluster: null,
    quotas: {
      projectsPerUser: { limit: 20, source: 'default' },
      clustersPerProject: { limit: 100, source: 'default' },
      alertRulesPerProject: { limit: 200, source: 'default' },
      ingestEventsPerSecond: { limit: 5000, source: 'default' },
    },
  });
  const human = cli('quota', 'get');
  assert.equal(human.status, 0, human.stderr);
  assert.equal(
    human.stdout,
    'scope: global\nprojectsPerUser: 20 (default)\nclustersPerProject: 100 (default)\nalertRulesPerProject: 200 (default)\ningestEventsPerSecond: 5000 (default)\n',
  );
});

test('quota set changes defaults and overrides, enforces them, and records each change', async () => {
  const project = json('project', 'create', 'payments') as { id: string };
  const set = json(
    'quota',
    'set',
    '--project',
    'payments',
    '--clusters-per-project',
    '1',
    '--alert-rules-per-project',
    '50',
  ) as unknown as Report;
  assert.equal(set.scope, 'project');
  assert.deepEqual(set.project, { id: project.id, name: 'payments' });
  assert.deepEqual(set.quotas.clustersPerProject, { limit: 1, source: 'project' });
  assert.deepEqual(set.quotas.alertRulesPerProject, { limit: 50, source: 'project' });
  assert.deepEqual(set.quotas.projectsPerUser, { limit: 20, source: 'default' });

  const prod = json('cluster', 'create', '--project', 'payments', '--name', 'prod') as { id: string };
  assert.deepEqual(refused(['cluster', 'create', '--project', 'payments', '--name', 'staging'], 6), {
    code: 'QUOTA_EXCEEDED',
    message:
      'project payments already has 1 clusters (quota clusters per project = 1); an operator can raise it with `kubetrail quota set --project payments --clusters-per-project N`',
  });
  const words = cli('cluster', 'create', '--project', 'payments', '--name', 'staging');
  assert.equal(words.status, 6);
  assert.match(words.stderr, /^kubetrail: project payments already has 1 clusters/);
  json('quota', 'set', '--project', project.id, '--clusters-per-project', '2');
  json('cluster', 'create', '--project', 'payments', '--name', 'staging');

  const rate = json('quota', 'set', '--cluster', 'prod', '--ingest-events-per-second', '250') as unknown as Report;
  assert.deepEqual(rate.cluster, { id: prod.id, name: 'prod' });
  assert.deepEqual(rate.project, { id: project.id, name: 'payments' });
  assert.deepEqual(rate.quotas.ingestEventsPerSecond, { limit: 250, source: 'cluster' });
  assert.deepEqual(rate.quotas.clustersPerProject, { limit: 2, source: 'project' }, 'a cluster shows its project quotas');
  const human = cli('quota', 'get', '--cluster', prod.id);
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /^scope: cluster\nproject: payments \(p-[a-z2-7]+\)\ncluster: prod \(c-[a-z2-7]+\)\n/);
  assert.match(human.stdout, /^ingestEventsPerSecond: 250 \(cluster override\)$/m);
  assert.match(human.stdout, /^clustersPerProject: 2 \(project override\)$/m);

  json('quota', 'set', '--ingest-events-per-second', '1000', '--projects-per-user', '5');
  const dropped = json('quota', 'set', '--cluster', 'prod', '--ingest-events-per-second', 'default') as unknown as Report;
  assert.deepEqual(dropped.quotas.ingestEventsPerSecond, { limit: 1000, source: 'default' });
  assert.deepEqual((json('quota', 'get', '--project', 'payments') as unknown as Report).quotas.projectsPerUser, {
    limit: 5,
    source: 'default',
  });

  const trail = await sql<{
    actor: string;
    via: string;
    project_id: string | null;
    target_type: string;
    target_name: string | null;
    before: unknown;
    after: unknown;
  }>(
    `SELECT actor, via, project_id, target_type, target_name, before, after FROM console_audit_log WHERE action = 'quota.set' ORDER BY at, id`,
  );
  assert.equal(trail.length, 5);
  for (const r of trail) assert.deepEqual([r.actor, r.via], [`cli:${userInfo().username}`, 'cli']);
  assert.deepEqual(trail[0], {
    actor: `cli:${userInfo().username}`,
    via: 'cli',
    project_id: project.id,
    target_type: 'project',
    target_name: 'payments',
    before: { clustersPerProject: { limit: 100, source: 'default' }, alertRulesPerProject: { limit: 200, source: 'default' } },
    after: { clustersPerProject: { limit: 1, source: 'project' }, alertRulesPerProject: { limit: 50, source: 'project' } },
  });
  assert.deepEqual(trail[2]!.after, { ingestEventsPerSecond: { limit: 250, source: 'cluster' } });
  assert.deepEqual([trail[3]!.project_id, trail[3]!.target_type], [null, 'quota-defaults']);
  assert.deepEqual(trail[3]!.before, {
    projectsPerUser: { limit: 20, source: 'default' },
    ingestEventsPerSecond: { limit: 5000, source: 'default' },
  });
  assert.deepEqual(trail[4]!.before, { ingestEventsPerSecond: { limit: 250, source: 'cluster' } });
  assert.deepEqual(
    await sql('SELECT projects_per_user, clusters_per_project, alert_rules_per_project, ingest_events_per_second FROM quota_defaults'),
    [{ projects_per_user: 5, clusters_per_project: 100, alert_rules_per_project: 200, ingest_events_per_second: 1000 }],
  );
});

test('quota set refuses flags outside their scope, values that are not positive integers, and unknown targets', () => {
  const cases: [string[], number, string | RegExp][] = [
    [['--project', 'payments', '--projects-per-user', '3'], 2, /^--projects-per-user cannot be set per project; it is set as a default/],
    [['--cluster', 'prod', '--clusters-per-project', '3'], 2, /^--clusters-per-project cannot be set per cluster/],
    [['--project', 'payments', '--ingest-events-per-second', '3'], 2, /^--ingest-events-per-second cannot be set per project/],
    [['--project', 'payments', '--cluster', 'prod', '--ingest-events-per-second', '3'], 2, /not both/],
    [
      ['--clusters-per-project', '0'],
      2,
      /^--clusters-per-project must be a whole number from 1 to 2147483647, not 0 \(there is no unlimited quota/,
    ],
    [['--clusters-per-project', '-4'], 2, '--clusters-per-project must be a whole number, or "default" to drop the override, not "-4"'],
    [
      ['--alert-rules-per-project', '2.5'],
      2,
      '--alert-rules-per-project must be a whole number, or "default" to drop the override, not "2.5"',
    ],
    [['--projects-per-user', '99999999999'], 2, /^--projects-per-user must be a whole number from 1 to 2147483647/],
    [['--projects-per-user', 'default'], 2, /the default cannot be removed/],
    [[], 2, /^name at least one quota to set: --projects-per-user, --clusters-per-project/],
    [['--project', 'nope', '--clusters-per-project', '3'], 3, 'no project "nope"'],
    [['--cluster', 'nope', '--ingest-events-per-second', '3'], 3, 'no cluster "nope"'],
  ];
  for (const [args, exit, message] of cases) {
    const error = refused(['quota', 'set', ...args], exit);
    assert.equal(error.code, exit === 3 ? 'NOT_FOUND' : 'BAD_REQUEST', args.join(' '));
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message, args.join(' '));
  }
  assert.equal((json('quota', 'get') as unknown as Report).quotas.projectsPerUser.limit, 5, 'refusals changed nothing');
  assert.equal(refused(['quota', 'get', '--cluster', 'nope'], 3).message, 'no cluster "nope"');
});
