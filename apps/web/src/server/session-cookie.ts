import 'server-only';
import { sessionUser, type SessionUser } from '@kubetrail/core';
import { cookies } from 'next/headers';
import { getDeps } from './deps';

export const SESSION_COOKIE = 'kt_session';

/**
 * httpOnly so scripts cannot read it, SameSite=Lax so other sites' forms and
 * fetches do not carry it. Secure on HTTPS and on loopback (where browsers
 * accept Secure cookies over plain HTTP); a plain-HTTP deployment elsewhere
 * should sit behind TLS, which the proxy's X-Forwarded-Proto reveals.
 */
export function sessionCookieOptions(request: Request, expires: Date) {
  const url = new URL(request.url);
  const proto = request.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return { httpOnly: true, sameSite: 'lax' as const, secure: proto === 'https' || loopback, path: '/', expires };
}

/** The signed-in user of the request being rendered, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? sessionUser(getDeps(), token) : null;
}
