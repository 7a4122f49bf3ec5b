import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildAnalyticsQuery,
  buildCountQuery,
  buildEventsQuery,
  buildFacetQuery,
  buildHistogramQuery,
  isAnalytics,
  parseQuery,
  QueryError,
  type SqlText,
} from '../src/index';

const scope = { clusterIds: ['c-aaaa', 'c-bbbb'], from: new Date('2026-11-20T00:00:00Z'), to: new Date('2026-11-21T00:00:00Z') };
const SCOPE_VALUES = [scope.clusterIds, '2026-11-20T00:00:00.000Z', '2026-11-21T00:00:00.000Z'];
const SCOPE_SQL = 'log.cluster_id = ANY($1::text[]) AND log.ts >= $2::timestamptz AND log.ts < $3::timestamptz';
const SCOPED_READ =
  /audit_events AS log WHERE log\.cluster_id = ANY\(\$(\d+)::text\[\]\) AND log\.ts >= \$(\d+)::timestamptz AND log\.ts < \$(\d+)::timestamptz/g;
// The tables a statement may read: the events, or (for some analytics) their hourly rollups.
const EVENT_TABLES = new Set(['audit_events', 'audit_events_hourly']);
// A table after FROM (not `extract(epoch FROM …)`, a function or a subquery), and the cluster filter when it follows at once.
const TABLE_READ = /(?<!extract\(\w+ )\bFROM ([a-z_]+)(?![\w(])(?: AS \w+)?(?: WHERE (?:\w+\.)?cluster_id = ANY\(\$(\d+)::text\[\]\))?/g;

function compile(query: string): SqlText & { columns?: { name: string }[] } {
  const parsed = parseQuery(query);
  return isAnalytics(parsed) ? buildAnalyticsQuery(parsed, scope) : buildEventsQuery(parsed, scope, { limit: 50, offset: 0 });
}

// Strings the compiler itself writes as literals; anything else quoted in the text came from the user.
const COMPILER_LITERALS = new Set(['', 'UTC', '{}', 'g', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"', 'day', 'hour', 'minute']);
const COMPILER_NAMES = /^(_col\d+|_s\d+|_h)$/;

/** Splits PostgreSQL text into its string literals, its quoted identifiers and the rest. */
function sqlParts(text: string): { literals: string[]; idents: string[]; rest: string } {
  const literals: string[] = [];
  const idents: string[] = [];
  let rest = '';
  let i = 0;
  while (i < text.length) {
    const q = text[i]!;
    if (q !== "'" && q !== '"') {
      rest += text[i++];
      continue;
    }
    let value = '';
    let j = i + 1;
    for (;;) {
      const close = text.indexOf(q, j);
      assert.ok(close >= 0, `unterminated ${q} in ${text}`);
      value += text.slice(j, close);
      if (text[close + 1] === q) {
        value += q;
        j = close + 2;
        continue;
      }
      i = close + 1;
      break;
    }
    (q === "'" ? literals : idents).push(value);
    rest += ' ';
  }
  return { literals, idents, rest };
}

/**
 * What every compiled statement must look like, whatever the user wrote:
 * placeholders that all have a value, no user string as a literal, no
 * quoted name but those the user chose as output names, and the scope.
 */
function assertSafe(sql: SqlText, aliases: string[] = []): ReturnType<typeof sqlParts> {
  const parts = sqlParts(sql.text);
  for (const l of parts.literals) assert.ok(COMPILER_LITERALS.has(l), `unexpected literal '${l}' in ${sql.text}`);
  for (const name of parts.idents) assert.ok(COMPILER_NAMES.test(name) || aliases.includes(name), `unexpected name "${name}"`);
  for (const m of parts.rest.matchAll(/\$(\d*)/g)) {
    const n = Number(m[1]);
    assert.ok(m[1] !== '' && n >= 1 && n <= sql.values.length, `stray $ in ${sql.text}`);
    assert.ok(parts.rest.startsWith('::', m.index + m[0].length), `placeholder without a cast in ${sql.text}`);
  }
  assert.ok(!/--|\/\*|;/.test(parts.rest), `comment or statement break in ${sql.text}`);
  const tables = [...parts.rest.matchAll(TABLE_READ)];
  assert.ok(tables.length > 0, `reads nothing: ${sql.text}`);
  for (const m of tables) {
    assert.ok(EVENT_TABLES.has(m[1]!), `reads ${m[1]} in ${sql.text}`);
    assert.ok(m[2] !== undefined, `reads ${m[1]} without filtering by cluster first: ${sql.text}`);
    assert.deepEqual(sql.values[Number(m[2]) - 1], scope.clusterIds);
  }
  const bounds = (op: string) =>
    [...parts.rest.matchAll(new RegExp(`\\bts ${op} \\$(\\d+)::timestamptz`, 'g'))].map((m) => sql.values[Number(m[1]) - 1]);
  assert.ok(bounds('>=').includes(SCOPE_VALUES[1]), `no start of the range in ${sql.text}`);
  assert.ok(bounds('<').includes(SCOPE_VALUES[2]), `no end of the range in ${sql.text}`);
  return parts;
}

const HOSTILE = [
  "'; DROP TABLE audit_events; --",
  "x' OR '1'='1",
  '$1',
  '$2::text',
  '$$; DELETE FROM clusters; $$',
  "\\'; SELECT pg_sleep(10); --",
  'C:\\temp\\new',
  '100%_done',
  '%_%',
  '"double" and \'single\'',
  "E'\\x41'",
  ') OR true OR (',
  '*/ SELECT 1 /*',
  'Ünïcødé 日本語 😀 \u202ereversed',
];

/** A value as the search part writes it inside double quotes. */
const searchQuoted = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
/** A value as the SQL part writes it as a string literal. */
const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

test('hostile quoted search values on column fields travel only as parameters', () => {
  const benign = compile('verb: "benign"');
  for (const h of HOSTILE) {
    const sql = compile(`verb: ${searchQuoted(h)}`);
    assertSafe(sql);
    assert.equal(sql.text, benign.text, h);
  }
});

test('hostile quoted search values on jsonb and array fields travel only as parameters', () => {
  for (const field of ['user.groups', 'sourceIPs', 'annotations.authorization.k8s.io/reason', 'requestObject.metadata.labels.app']) {
    const benign = compile(`${field}: "benign"`);
    for (const h of HOSTILE) {
      const sql = compile(`${field}: ${searchQuoted(h)}`);
      const { rest } = assertSafe(sql);
      assert.equal(sql.text, benign.text, `${field}: ${h}`);
      assert.ok(!rest.includes(field), 'the field path is a parameter too');
    }
  }
});

test('hostile unquoted search values (without spaces) travel only as parameters', () => {
  const benign = compile('user.username: benign');
  for (const h of ["';DROP/**/TABLE/**/audit_events;--", '$1', '\\\\x', '100%', 'a_b', "O'Brien", '日本語', 'a*%_?b']) {
    const sql = compile(`user.username: ${h}`);
    assertSafe(sql);
    assert.equal(sql.text, benign.text, h);
  }
});

test('hostile full-text terms travel only as parameters', () => {
  const benign = compile('"benign"');
  for (const h of HOSTILE) {
    const sql = compile(searchQuoted(h));
    assertSafe(sql);
    assert.equal(sql.text, benign.text, h);
  }
  assert.equal(compile("';DROP/**/TABLE/**/x;--").text, compile('benign').text);
});

test('a value that is only delimiters is compared whole, as a parameter', () => {
  const sql = compile(`verb: ${searchQuoted("';/")}`);
  assertSafe(sql);
  assert.ok(sql.values.includes("';/"));
});

test('LIKE and regex metacharacters in search values reach the regex escaped, never as SQL', () => {
  const sql = compile('objectRef.name: 100%_d\\one');
  assertSafe(sql);
  const regex = sql.values.at(-1) as string;
  assert.ok(regex.includes('100\\%\\_d\\\\one'), regex);
  assert.ok(!/\bLIKE\b/.test(sql.text), 'a search never compiles to LIKE');
});

test('unusual but valid field names travel as a path parameter, never as SQL', () => {
  const field = 'requestObject.metadata.labels.drop--table/x-y';
  const sql = compile(`${field}: v`);
  const { rest } = assertSafe(sql);
  assert.ok(!rest.includes('drop'));
  assert.ok(sql.values.some((v) => JSON.stringify(v) === JSON.stringify(['requestObject', 'metadata', 'labels', 'drop--table/x-y'])));
  const analytic = compile(`* | select "${field}" as v from log`);
  assertSafe(analytic, ['v']);
  assert.ok(!analytic.text.includes('drop--table'));
});

test('field names that could break out of a path are refused, in the search and in SQL', () => {
  for (const q of [
    "labels.x'y: v",
    'a;b: v',
    'a$1: v',
    '* | select "labels.app\'); drop table x; --" from log',
    '* | select "a b" from log',
    '* | select "a..b" from log',
    '* | select "user." from log',
  ])
    assert.throws(
      () => compile(q),
      (e: unknown) => e instanceof QueryError && /is not a field name/.test(e.message),
      q,
    );
});

test('hostile SQL string literals travel only as parameters, in every clause', () => {
  for (const h of HOSTILE) {
    const s = sqlString(h);
    const queries = [
      `* | select ${s} as x`,
      `* | select verb from log where verb = ${s} or "user.username" like ${s}`,
      `* | select count(1) as n from log group by verb having verb <> ${s} order by n`,
      `* | select coalesce("objectRef.name", ${s}) as x, concat(verb, ${s}) as y from log`,
      `* | select regexp_like(verb, ${s}) as x, strpos(verb, ${s}) as y, split_part(verb, ${s}, 1) as z from log`,
      `* | select case verb when ${s} then ${s} else 'other' end as x from log`,
      `* | select x from (select ${s} as x from log) where x = ${s}`,
    ];
    for (const q of queries) {
      const sql = compile(q);
      assertSafe(sql, ['x', 'y', 'z', 'n', 'verb']);
      assert.ok(sql.values.includes(h), `${q} should pass ${h} as a value`);
    }
  }
});

test('hostile text in literal-only arguments (formats, paths, replacements) stays out of the SQL', () => {
  const h = "'; DROP TABLE audit_events; --";
  const queries = [
    `* | select date_format(__time__, ${sqlString(`%Y${h}%m`)}) as x`,
    `* | select json_extract(sourceIPs, ${sqlString(`$["${h.replaceAll('"', '\\"')}"]`)}) as x`,
    `* | select json_extract_scalar("requestObject", ${sqlString(`$.a["${h}"][0]`)}) as x`,
    `* | select regexp_replace(verb, 'a', ${sqlString(h)}) as x`,
    `* | select try(regexp_replace(verb, ${sqlString(h)}, ${sqlString(h)})) as x`,
  ];
  for (const q of queries) {
    const sql = compile(q);
    assertSafe(sql, ['x']);
    assert.ok(!sql.text.includes('DROP'), q);
  }
});

test('the only literal written into SQL, the date_trunc unit, must be one of its words', () => {
  assertSafe(compile("* | select date_trunc('HOUR', __time__) as x"), ['x']);
  for (const unit of ["day', now()) --", 'day; drop', "minute' || '"])
    assert.throws(() => compile(`* | select date_trunc(${sqlString(unit)}, __time__)`), /date_trunc: unknown unit/);
});

test('aliases are written as double-quoted names with quotes doubled', () => {
  const alias = 'a"; DROP TABLE audit_events; --';
  const sql = compile(`* | select verb as "${alias.replaceAll('"', '""')}" from log`);
  const { idents, rest } = assertSafe(sql, [alias]);
  assert.ok(sql.text.includes(`AS "a""; DROP TABLE audit_events; --"`));
  assert.deepEqual(idents, [alias]);
  assert.ok(!rest.includes('DROP'));
  assert.deepEqual(
    sql.columns?.map((c) => c.name),
    [alias],
  );
});

test('aliases given as strings, with spaces, Chinese or unicode, come back exactly as names', () => {
  const names = ["it's 'quoted'", '用户 名', 'Ünïcødé 😀', '$1', 'x"y"z', ' padded '];
  const items = names.map((n, i) => `${i} as "${n.replaceAll('"', '""')}"`).join(', ');
  const sql = compile(`* | select ${items}, 9 as 'from string' from log`);
  assertSafe(sql, [...names, 'from string']);
  assert.deepEqual(
    sql.columns?.map((c) => c.name),
    [...names, 'from string'],
  );
  assert.ok(sql.text.includes('AS "x""y""z"'));
});

test('hostile aliases stay escaped where GROUP BY, HAVING, ORDER BY and an outer query refer to them', () => {
  const alias = 'v"; --';
  const quoted = `"${alias.replaceAll('"', '""')}"`;
  const sql = compile(
    `* | select ${quoted}, n from (select verb as ${quoted}, count(1) as n from log group by ${quoted} having count(1) > 1 order by ${quoted}) order by ${quoted}`,
  );
  const { idents } = assertSafe(sql, [alias, 'n']);
  assert.ok(idents.filter((i) => i === alias).length >= 3);
  const filtered = compile(`* | select verb as ${quoted} from log having ${quoted} <> 'x'`);
  assertSafe(filtered, [alias]);
  assert.ok(filtered.text.endsWith(`AS _h WHERE (${quoted} <> $4::text)`), filtered.text);
});

test('numbers in the search are parameters, and numbers in SQL are digits only', () => {
  const a = compile('responseStatus.code > 400 and responseStatus.code in [100 1e3)');
  const b = compile('responseStatus.code > 1 and responseStatus.code in [2 3)');
  assertSafe(a);
  assert.equal(a.text, b.text);
  assert.ok(a.values.includes('400') && a.values.includes('1e3'));
  const sql = compile('* | select 1.5e3 + 2 as x from log limit 5, 10');
  assertSafe(sql, ['x']);
  assert.ok(sql.text.includes('1.5e3::numeric') && sql.text.endsWith('LIMIT 10 OFFSET 5'));
});

test('every builder scopes the events to the clusters and the time range', () => {
  const parsed = parseQuery('verb: get or verb: list');
  const all = parseQuery('');
  for (const sql of [
    buildEventsQuery(parsed, scope, { limit: 10, offset: 20 }),
    buildCountQuery(parsed, scope),
    buildCountQuery(all, scope),
    buildHistogramQuery(parsed, scope, 60),
    buildFacetQuery(parsed, scope, 'user.username', 5),
    buildFacetQuery(all, scope, 'requestObject.metadata.labels.app', 5),
  ]) {
    const { rest } = assertSafe(sql, ['value', 'count']);
    const reads = [...rest.matchAll(SCOPED_READ)];
    assert.equal(reads.length, 1, sql.text);
    assert.deepEqual(
      reads[0]!.slice(1, 4).map((n) => sql.values[Number(n) - 1]),
      SCOPE_VALUES,
    );
  }
});

test('an OR in the search cannot escape the scope: it is parenthesized after it', () => {
  const sql = buildCountQuery(parseQuery('verb: get or verb: list or not user.username: x'), scope);
  assert.ok(sql.text.includes(`${SCOPE_SQL} AND (`), sql.text);
  assert.ok(sql.text.endsWith(')'));
  const sqlOr = compile("* | select verb from log where verb = 'a' or true");
  assert.ok(sqlOr.text.includes(`WHERE ${SCOPE_SQL}) AS log WHERE ((log.verb = $4::text) OR true)`), sqlOr.text);
});

test('analytics over subqueries and output filters read only the scoped events', () => {
  for (const q of [
    'verb: get | select count(1) as n from log',
    '* | select n from (select count(1) as n from log)',
    '* | select n from (select n from (select verb, count(1) as n from log group by verb)) where n > 1',
    '* | select verb from log having verb is not null',
    'user.username: alice | select verb, count(1) as n from log group by verb having n > 1 order by n desc limit 3',
  ]) {
    const sql = compile(q);
    assertSafe(sql, ['n', 'verb']);
  }
});

test('an empty cluster list still filters, and matches nothing', () => {
  const sql = buildCountQuery(parseQuery('*'), { ...scope, clusterIds: [] });
  assert.ok(sql.text.includes(SCOPE_SQL));
  assert.deepEqual(sql.values[0], []);
});

test('facet fields and histogram buckets are checked before they reach SQL', () => {
  const parsed = parseQuery('*');
  for (const field of ["verb'); drop table x; --", 'a b', '"verb"', ''])
    assert.throws(() => buildFacetQuery(parsed, scope, field, 5), QueryError, field);
  assert.throws(() => buildFacetQuery(parsed, scope, 'verb', 0), /whole number, 1 or more/);
  assert.throws(() => buildFacetQuery(parsed, scope, 'verb', 1.5), /whole number, 1 or more/);
  assert.throws(() => buildHistogramQuery(parsed, scope, 0.5), /whole number of seconds/);
  assert.throws(() => buildHistogramQuery(parsed, scope, Number.NaN), /whole number of seconds/);
});

test('the same user value is one parameter however often it is used', () => {
  const sql = compile("* | select lower(verb) = 'a' as x, 'a' as y from log group by lower(verb) = 'a'");
  assert.equal(sql.values.filter((v) => v === 'a').length, 1);
});
