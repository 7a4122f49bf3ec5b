import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAnalyticsQuery, buildEventsQuery, isAnalytics, MAX_QUERY_LENGTH, parseQuery, QueryError } from '../src/index';

const scope = { clusterIds: ['c-aaaa'], from: new Date('2026-11-20T00:00:00Z'), to: new Date('2026-11-21T00:00:00Z') };

/** Parses and compiles, as running a query does: some mistakes (unknown functions) only show when compiling. */
function compile(query: string) {
  const parsed = parseQuery(query);
  return isAnalytics(parsed) ? buildAnalyticsQuery(parsed, scope) : buildEventsQuery(parsed, scope, { limit: 10, offset: 0 });
}

interface Expected {
  message: RegExp;
  column?: number;
  line?: number;
}

function rejects(query: string, { message, column, line = 1 }: Expected): QueryError {
  let caught: unknown;
  try {
    compile(query);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof QueryError, `expected a QueryError for ${JSON.stringify(query.slice(0, 80))}, got ${String(caught)}`);
  assert.match(caught.message, message);
  assert.equal(caught.code, 'BAD_REQUEST');
  if (column !== undefined) {
    assert.deepEqual(caught.position && { line: caught.position.line, column: caught.position.column }, { line, column });
    assert.ok(caught.message.endsWith(line > 1 ? `at line ${line}, column ${column}` : `at column ${column}`), caught.message);
  }
  return caught;
}

/** The 1-based column of the first `needle` in a one-line query. */
const at = (query: string, needle: string) => {
  const i = query.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in ${query}`);
  return i + 1;
};

test('an unexpected `)` in the search is reported at its exact column', () => {
  const q = 'verb: get and (user.username: alice))';
  const e = rejects(q, { message: /^unexpected `\)`/, column: q.length });
  assert.equal(e.position?.offset, q.length - 1);
  rejects(')', { message: /^unexpected `\)`/, column: 1 });
  rejects('verb: get and )', { message: /^unexpected `\)`/, column: 15 });
});

test('an unclosed `(` is reported where it opens', () => {
  const q = 'verb: get and (user.username: alice or (verb: list)';
  rejects(q, { message: /missing `\)` for this `\(`/, column: at(q, '(') });
  rejects('a ( b', { message: /missing `\)`/, column: 3 });
});

test('an unterminated quote in a search value is reported at the opening quote', () => {
  rejects('verb: get and user.username: "alice', { message: /unterminated `"`/, column: 30 });
  rejects('"kube-system', { message: /unterminated `"`/, column: 1 });
});

test('an escaped quote does not close a quoted search value', () => {
  rejects('user.username: "a\\"', { message: /unterminated `"`/, column: 16 });
  assert.doesNotThrow(() => compile('user.username: "a\\"b"'));
});

test('a missing value after `:` is an error at the place of the value', () => {
  rejects('verb:', { message: /a value is missing after `:`/, column: 6 });
  rejects('verb: get and user.username: ', { message: /a value is missing after `:`/, column: 30 });
  rejects('(verb:)', { message: /a value is missing after `:`/, column: 7 });
});

test('a search that stops where a term is expected says so', () => {
  rejects('verb: get or', { message: /the search ends where a term was expected/, column: 13 });
  rejects('verb: get and not', { message: /the search ends where a term was expected/, column: 18 });
});

test('a `:` or comparison without a field name is an error', () => {
  rejects(':x', { message: /^unexpected `:`/, column: 1 });
  rejects('> 5', { message: /^unexpected `>`/, column: 1 });
  rejects("labels.x'y: v", { message: /`labels\.x'y` is not a field name/, column: 1 });
});

test('a comparison needs a number', () => {
  rejects('responseStatus.code > abc', { message: /a number is expected/, column: 23 });
  rejects('responseStatus.code >= 4e', { message: /`4e` is not a number/, column: 24 });
  rejects('responseStatus.code <', { message: /a number is expected/, column: 22 });
});

test('a bad range is reported where it goes wrong', () => {
  rejects('responseStatus.code in [200 x]', { message: /a number is expected/, column: 29 });
  rejects('responseStatus.code in [200]', { message: /a number is expected/, column: 28 });
  rejects('responseStatus.code in [200 299', { message: /a range ends with `\]` or `\)`/, column: 32 });
  rejects('responseStatus.code in [200 299 300]', { message: /a range ends with `\]` or `\)`/, column: 33 });
});

test('an empty SQL part after `|` is an error at the `|`', () => {
  rejects('verb: get |', { message: /the analytics part after `\|` is empty/, column: 11 });
  rejects('verb: get |   \n ', { message: /the analytics part after `\|` is empty/, column: 11 });
});

test('a `|` inside a quoted search value does not start the SQL part', () => {
  const parsed = parseQuery('userAgent: "a | b"');
  assert.equal(parsed.select, null);
});

test('an SQL part without a value or source is reported at the end of the query', () => {
  rejects('* | select', { message: /^unexpected end of the query, expected a value/, column: 11 });
  rejects('* | select verb from', { message: /^unexpected end of the query, expected `log`/, column: 21 });
  rejects('* | select verb from log where', { message: /expected a value/, column: 31 });
});

test('SELECT over a catalog table is refused, naming it', () => {
  rejects('* | select usename from pg_user', { message: /a query reads `log` only, not `pg_user`/, column: 25 });
  rejects('* | select 1 from pg_catalog.pg_user', { message: /not `pg_catalog\.pg_user`/, column: 19 });
  rejects('* | select 1 from "pg_catalog"."pg_user"', { message: /not `"pg_catalog"\."pg_user"`/, column: 19 });
});

test('SELECT over an app table, qualified or not, is refused with the whole name', () => {
  rejects('* | select * from public.clusters', { message: /not `public\.clusters`/, column: 19 });
  rejects('* | select * from clusters', { message: /not `clusters`/, column: 19 });
  rejects('* | select * from audit_events', { message: /not `audit_events`/, column: 19 });
  rejects('* | select 1 from log.x', { message: /not `log\.x`/, column: 19 });
});

test('SELECT over information_schema is refused', () => {
  rejects('* | select table_name from information_schema.tables', { message: /not `information_schema\.tables`/, column: 28 });
});

test('a subquery in FROM over another table is refused too', () => {
  const q = '* | select n from (select count(1) as n from clusters)';
  rejects(q, { message: /not `clusters`/, column: at(q, 'clusters') });
});

test('joins of every spelling are refused', () => {
  for (const join of ['join', 'inner join', 'left join', 'right join', 'full join', 'cross join', 'natural join']) {
    const q = `* | select verb from log ${join} log on true`;
    rejects(q, { message: /joins are not supported/, column: 26 });
  }
  rejects('* | select verb from log, log', { message: /joins are not supported/, column: 25 });
  const sub = '* | select 1 from (select verb from log) s join log';
  rejects(sub, { message: /joins are not supported/, column: at(sub, 'join') });
});

test('UNION, INTERSECT and EXCEPT are refused', () => {
  for (const op of ['union', 'UNION ALL', 'intersect', 'except']) {
    const q = `* | select verb from log ${op} select verb from log`;
    rejects(q, { message: new RegExp(`^${op.split(' ')[0]!.toUpperCase()} is not supported`), column: 26 });
  }
});

test('WITH is refused with a hint', () => {
  rejects('* | with x as (select 1) select * from x', { message: /WITH is not supported: use a subquery in FROM/, column: 5 });
});

test('a second statement after `;` is refused at the `;`; one trailing `;` is fine', () => {
  rejects('* | select verb from log; drop table audit_events', { message: /only one statement is allowed/, column: 25 });
  rejects('* | select 1;select 2', { message: /only one statement is allowed/, column: 13 });
  rejects('* | select 1;;', { message: /only one statement is allowed/, column: 13 });
  assert.doesNotThrow(() => compile('* | select verb from log;'));
});

test('comments are refused where they start', () => {
  rejects('* | select verb -- from pg_user', { message: /comments are not allowed/, column: 17 });
  rejects('* | select /* hidden */ verb', { message: /comments are not allowed/, column: 12 });
  rejects("* | select verb from log where verb = 'a' --", { message: /comments are not allowed/, column: 43 });
});

test('`--` inside a string or a quoted name is not a comment', () => {
  const sql = compile('* | select \'-- not a comment\' as "/* neither */" from log');
  assert.ok(sql.values.includes('-- not a comment'));
});

test('a subquery anywhere but FROM is refused', () => {
  rejects('* | select (select 1)', { message: /a subquery is only allowed in FROM/, column: 13 });
  rejects('* | select verb from log where verb = (select usename from pg_user)', { message: /only allowed in FROM/, column: 40 });
  rejects('* | select verb from log where verb in (select 1)', { message: /IN \(SELECT …\) is not supported/, column: 41 });
  rejects('* | select exists (select 1)', { message: /unexpected `exists`, expected a value/, column: 12 });
});

test('an unknown function is named in the error, at the call', () => {
  rejects('* | select foo(verb) from log', { message: /unknown function foo\(\)/, column: 12 });
  rejects('* | select verb from log where pg_sleep(10) is null', { message: /unknown function pg_sleep\(\)/, column: 32 });
  rejects("* | select PG_READ_FILE('/etc/passwd')", { message: /unknown function pg_read_file\(\)/, column: 12 });
  rejects("* | select current_setting('kubetrail.project_id')", { message: /unknown function current_setting\(\)/ });
});

test('a wrong argument count names the function and both counts', () => {
  rejects('* | select lower(verb, 1) from log', { message: /^lower takes 1 argument, not 2/, column: 12 });
  rejects('* | select count() from log', { message: /^count takes 1 argument, not 0/, column: 12 });
  rejects("* | select split_part(verb, '-') from log", { message: /^split_part takes 3 arguments, not 2/, column: 12 });
  rejects('* | select round(1, 2, 3)', { message: /^round takes 1 to 2 arguments, not 3/, column: 12 });
  rejects('* | select coalesce()', { message: /^coalesce takes at least 1 argument/, column: 12 });
  rejects('* | select try(1, 2)', { message: /^try takes 1 argument/, column: 12 });
});

test('a query longer than 64 KiB is refused before parsing', () => {
  assert.equal(MAX_QUERY_LENGTH, 64 * 1024);
  rejects('a'.repeat(MAX_QUERY_LENGTH + 1), { message: /the query is longer than 65536 characters/ });
  rejects(`* | select '${'x'.repeat(MAX_QUERY_LENGTH)}'`, { message: /longer than 65536/ });
  assert.doesNotThrow(() => compile('a'.repeat(MAX_QUERY_LENGTH)));
});

test('deeply nested search parentheses and negations are a QueryError, not a stack overflow', () => {
  rejects(`${'('.repeat(50_000)}a${')'.repeat(50_000)}`.slice(0, MAX_QUERY_LENGTH), {
    message: /the search nests too deeply/,
    column: 102,
  });
  rejects(`${'not '.repeat(10_000)}a`, { message: /the search nests too deeply/ });
  // A hundred levels is within the limit.
  assert.doesNotThrow(() => compile(`${'('.repeat(100)}a${')'.repeat(100)}`));
});

test('deeply nested SQL is a QueryError, not a stack overflow', () => {
  const deep = [
    `* | select ${'('.repeat(20_000)}1${')'.repeat(20_000)}`,
    `* | select ${'lower('.repeat(5_000)}verb${')'.repeat(5_000)}`,
    `* | select 1 from ${'(select 1 from '.repeat(2_000)}log${')'.repeat(2_000)}`,
    `* | select ${Array(20_000).fill('1').join('+')}`,
    `* | select verb from log where ${'not '.repeat(10_000)}true`,
    `* | select ${'- '.repeat(20_000)}1`,
    `* | select ${'case when true then '.repeat(2_000)}1${' end'.repeat(2_000)}`,
  ];
  for (const q of deep) rejects(q, { message: /the query nests too deeply/ });
});

test('long flat lists are not mistaken for deep nesting', () => {
  assert.doesNotThrow(() => compile(Array(2_000).fill('verb: get').join(' or ')));
  assert.doesNotThrow(() => compile(`* | select verb from log where ${Array(2_000).fill("verb = 'a'").join(' or ')}`));
});

test('errors on later lines report line and column', () => {
  rejects('verb: get\nand (user.username: alice\n  or )', { message: /^unexpected `\)`/, line: 3, column: 6 });
  const e = rejects('verb: get\n| select verb,\n  foo(verb)\nfrom log', { message: /unknown function foo\(\)/, line: 3, column: 3 });
  assert.equal(e.position?.offset, 27);
  rejects('verb: get\n| select verb\nfrom pg_user', { message: /not `pg_user`/, line: 3, column: 6 });
  rejects("* | select verb\r\n  from log\n  where verb = 'x", { message: /unterminated string/, line: 3, column: 16 });
});

test('unterminated strings and quoted names in SQL, and empty quoted names', () => {
  rejects("* | select 'abc", { message: /unterminated string/, column: 12 });
  rejects('* | select "abc', { message: /unterminated quoted name/, column: 12 });
  rejects('* | select ""', { message: /a quoted name cannot be empty/, column: 12 });
  rejects("* | select 'it''s", { message: /unterminated string/, column: 12 });
});

test('characters SQL does not use are refused where they stand', () => {
  rejects('* | select # from log', { message: /^unexpected `#`/, column: 12 });
  rejects('* | select verb::text from log', { message: /^unexpected `:`/, column: 16 });
  rejects('* | select $1', { message: /^unexpected `\$`/, column: 12 });
  const wide = '* | select 你好 from log where verb = @x';
  rejects(wide, { message: /^unexpected `@`/, column: at(wide, '@') });
});

test('clauses the dialect does not run are refused with a reason', () => {
  rejects('* | select count(1) over () from log', { message: /window functions are not supported/, column: 21 });
  rejects('* | select log.verb', { message: /qualified names are not supported/, column: 12 });
  rejects('* | select *', { message: /SELECT \* over log is not supported/, column: 12 });
  rejects('* | select verb from log limit -1', { message: /expected a whole number/, column: 32 });
  rejects('* | select 1 from log limit 99999999999999999999', { message: /the number is too large/, column: 29 });
  rejects('* | select verb from log order by 2', { message: /^ORDER BY 2: the query has 1 column/, column: 35 });
});

test('aggregates where they cannot be and misused DISTINCT or `*`', () => {
  rejects('* | select verb from log where count(1) > 1', { message: /count\(\) is not allowed in WHERE/, column: 32 });
  rejects('* | select count(1) from log group by count(1)', { message: /count\(\) is not allowed in GROUP BY/, column: 39 });
  rejects('* | select count(sum(1))', { message: /sum\(\) is not allowed inside another aggregate/, column: 18 });
  rejects('* | select lower(distinct verb)', { message: /DISTINCT is only supported in count\(\)/, column: 12 });
  rejects('* | select sum(*)', { message: /`\*` is only allowed in count\(\*\)/, column: 16 });
});

test('literal arguments are checked at compile time, with the argument position', () => {
  rejects("* | select date_format(__time__, '%Q')", { message: /date_format does not know the specifier %Q/, column: 34 });
  rejects("* | select date_trunc('fortnight', __time__)", { message: /date_trunc: unknown unit 'fortnight'/, column: 23 });
  rejects("* | select json_extract(sourceIPs, 'a.b')", { message: /json_extract: not a JSON path/, column: 36 });
  rejects('* | select json_extract(sourceIPs, verb)', { message: /the JSON path must be a quoted string/, column: 36 });
  rejects('* | select cast(verb as blob)', { message: /cannot cast to blob/, column: 12 });
  rejects('* | select approx_percentile(1, 2)', { message: /the percentage must be between 0 and 1/, column: 33 });
});

test('names that are not columns are refused, listing what the query can read', () => {
  rejects('* | select nope from (select verb, count(1) as n from log group by verb)', {
    message: /unknown column `nope` \(this query reads "verb", "n"\)/,
    column: 12,
  });
  rejects('* | select verb, verb from log', { message: /two columns are named "verb"/, column: 18 });
});
