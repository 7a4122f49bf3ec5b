import { HTTP_STATUS, isAppError } from '@kubetrail/contracts';
import { signIn } from '@kubetrail/core';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDeps } from '../../../../server/deps';
import { clientIp, isSameOrigin } from '../../../../server/request-info';
import { SESSION_COOKIE, sessionCookieOptions } from '../../../../server/session-cookie';

const SignInBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

const fail = (status: number, code: string, message: string, headers?: HeadersInit) =>
  NextResponse.json({ code, message }, { status, headers });

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return fail(403, 'FORBIDDEN', 'sign-in must come from the console itself');
  const body = SignInBody.safeParse(await request.json().catch(() => null));
  if (!body.success) return fail(400, 'BAD_REQUEST', 'send a JSON body with "email" and "password"');
  try {
    const session = await signIn(getDeps(), {
      ...body.data,
      client: { ip: clientIp(request), userAgent: request.headers.get('user-agent') },
    });
    const response = NextResponse.json({ userId: session.userId, email: session.email });
    response.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(request, session.expiresAt));
    return response;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const retry = error.details?.retryAfterSeconds;
    return fail(HTTP_STATUS[error.code], error.code, error.message, retry ? { 'Retry-After': String(retry) } : undefined);
  }
}
