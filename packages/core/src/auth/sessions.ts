import { createHash, randomBytes } from 'node:crypto';
import type { CoreDeps } from '../shared/deps';

/** A session lasts this long from sign-in; signing in again starts a new one. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  userId: string;
  email: string;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

// The cookie holds 256 random bits; only their hash is stored.
const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  { db }: Pick<CoreDeps, 'db'>,
  userId: string,
  client: ClientInfo,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({
    data: { id: sessionId(token), userId, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 500) ?? null },
  });
  return { token, expiresAt };
}

/** The user a session cookie belongs to, or null when it is unknown, ended or expired. */
export async function sessionUser({ db }: Pick<CoreDeps, 'db'>, token: string, now = new Date()): Promise<SessionUser | null> {
  if (token.length === 0 || token.length > 100) return null;
  const session = await db.session.findUnique({ where: { id: sessionId(token) }, select: { expiresAt: true, user: true } });
  if (!session || session.expiresAt <= now) return null;
  return { userId: session.user.id, email: session.user.email };
}

export async function endSession({ db }: Pick<CoreDeps, 'db'>, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId(token) } });
}
