import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '@kubetrail/contracts';
import { createPool, createPrisma } from '@kubetrail/db';
import { createTestDatabase, type TestDatabase } from '@kubetrail/db/testing';
import { createUser, endSession, sessionUser, signIn, SESSION_TTL_MS, SIGN_IN_LIMITS, type CoreDeps } from '../../src/index';

let database: TestDatabase;
let deps: CoreDeps;
const PASSWORD = 'correct horse battery';
const client = (ip = '192.0.2.10') => ({ ip, userAgent: 'test' });

async function refusedWith(call: Promise<unknown>, code: AppError['code']): Promise<AppError> {
  const error = await call.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  assert.equal(error.code, code, error.message);
  return error;
}

before(async () => {
  database = await createTestDatabase('kt_signin');
  deps = { db: createPrisma(database.url), pool: createPool(database.url, 2) };
  await createUser(deps, { email: 'Alice@Example.com', password: PASSWORD });
  await createUser(deps, { email: 'bob@example.com', password: PASSWORD });
});
after(async () => {
  await deps?.db.$disconnect();
  await deps?.pool.end();
  await database?.drop();
});

test('the right password opens a session the cookie token resolves to; the stored id is not the token', async () => {
  const session = await signIn(deps, { email: ' alice@example.COM ', password: PASSWORD, client: client() });
  assert.equal(session.email, 'alice@example.com');
  assert.deepEqual(await sessionUser(deps, session.token), { userId: session.userId, email: 'alice@example.com' });
  const stored = await deps.db.session.findMany({ where: { userId: session.userId } });
  assert.equal(stored.length, 1);
  assert.notEqual(stored[0]!.id, session.token);
  assert.equal(stored[0]!.ip, '192.0.2.10');
});

test('a wrong password and an unknown email get the same answer', async () => {
  const wrong = await refusedWith(
    signIn(deps, { email: 'bob@example.com', password: 'not the password', client: client('192.0.2.20') }),
    'UNAUTHORIZED',
  );
  const unknown = await refusedWith(
    signIn(deps, { email: 'nobody@example.com', password: PASSWORD, client: client('192.0.2.20') }),
    'UNAUTHORIZED',
  );
  assert.equal(wrong.message, unknown.message);
});

test('after too many failures the email is locked out, even with the right password, and other emails are not', async () => {
  const email = 'bob@example.com';
  // One failure was recorded by the previous test.
  for (let i = 1; i < SIGN_IN_LIMITS.perEmail; i++)
    await refusedWith(signIn(deps, { email, password: `wrong-${i}`, client: client(`192.0.2.${30 + i}`) }), 'UNAUTHORIZED');
  const limited = await refusedWith(signIn(deps, { email, password: PASSWORD, client: client('192.0.2.99') }), 'RATE_LIMITED');
  assert.ok(Number(limited.details?.retryAfterSeconds) > 0);
  await signIn(deps, { email: 'alice@example.com', password: PASSWORD, client: client('192.0.2.99') });
  // The window passes: bob may try again.
  const later = new Date(Date.now() + SIGN_IN_LIMITS.windowMs + 1000);
  await signIn(deps, { email, password: PASSWORD, client: client('192.0.2.99') }, later);
});

test('one address failing across many emails is limited too', async () => {
  const ip = '203.0.113.50';
  for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++)
    await refusedWith(signIn(deps, { email: `guess-${i}@example.com`, password: 'x', client: client(ip) }), 'UNAUTHORIZED');
  await refusedWith(signIn(deps, { email: 'alice@example.com', password: PASSWORD, client: client(ip) }), 'RATE_LIMITED');
});

test('a session ends at sign-out and at its expiry; garbage tokens resolve to nobody', async () => {
  const session = await signIn(deps, { email: 'alice@example.com', password: PASSWORD, client: client() });
  assert.equal(await sessionUser(deps, session.token, new Date(Date.now() + SESSION_TTL_MS + 1000)), null);
  await endSession(deps, session.token);
  assert.equal(await sessionUser(deps, session.token), null);
  assert.equal(await sessionUser(deps, ''), null);
  assert.equal(await sessionUser(deps, "' OR 1=1 --"), null);
  assert.equal(await sessionUser(deps, 'x'.repeat(10_000)), null);
});
