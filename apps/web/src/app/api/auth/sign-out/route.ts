import { endSession } from '@kubetrail/core';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { getDeps } from '../../../../server/deps';
import { isSameOrigin } from '../../../../server/request-info';
import { SESSION_COOKIE, sessionCookieOptions } from '../../../../server/session-cookie';

export async function POST(request: Request) {
  if (!isSameOrigin(request))
    return NextResponse.json({ code: 'FORBIDDEN', message: 'sign-out must come from the console itself' }, { status: 403 });
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (token) await endSession(getDeps(), token);
  const response = NextResponse.json({ signedOut: true });
  response.cookies.set(SESSION_COOKIE, '', sessionCookieOptions(request, new Date(0)));
  return response;
}
