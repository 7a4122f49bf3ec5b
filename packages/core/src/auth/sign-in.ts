import { AppError } from '@kubetrail/contracts';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { acceptInvitations } from '../members/invitations';
import { hashPassword, verifyPassword } from '../users/password-hash';
import { createSession, type ClientInfo, type SessionUser } from './sessions';

/** Failed sign-ins allowed per email, and per client address, within the window. */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60 * 1000, perEmail: 5, perIp: 30 } as const;

// Checked when the email is unknown, so a miss costs as long as a wrong password.
const decoyHash = hashPassword('kubetrail-decoy-password');

export interface SignInInput {
  email: string;
  password: string;
  client: ClientInfo;
}

async function refuseWhenLimited({ db }: Pick<CoreDeps, 'db'>, email: string, ip: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs);
  const [byEmail, byIp] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, at: { gte: since } } }),
    db.signInAttempt.count({ where: { ip, succeeded: false, at: { gte: since } } }),
  ]);
  if (byEmail >= SIGN_IN_LIMITS.perEmail || byIp >= SIGN_IN_LIMITS.perIp)
    throw new AppError('RATE_LIMITED', `too many failed sign-ins; try again in ${SIGN_IN_LIMITS.windowMs / 60_000} minutes`, {
      retryAfterSeconds: SIGN_IN_LIMITS.windowMs / 1000,
    });
}

/**
 * Checks the password and opens a session. Unknown emails and wrong passwords
 * get the same answer, so sign-in cannot tell which accounts exist.
 */
export async function signIn(
  deps: Pick<CoreDeps, 'db'>,
  input: SignInInput,
  now = new Date(),
): Promise<SessionUser & { token: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const ip = input.client.ip ?? 'unknown';
  await refuseWhenLimited(deps, email, ip, now);
  const user = await deps.db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  await deps.db.signInAttempt.create({ data: { id: newId('a'), email, ip, succeeded: ok && !!user, at: now } });
  if (!user || !ok) throw new AppError('UNAUTHORIZED', 'wrong email or password');
  await acceptInvitations(deps, user.id, user.email);
  const session = await createSession(deps, user.id, input.client, now);
  return { userId: user.id, email: user.email, ...session };
}
