import { appRouter, createApiContext } from '@kubetrail/api';
import { sessionUser } from '@kubetrail/core';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getAlertSettings, getDeps } from '../../../../server/deps';
import { clientIp, ingestUrl, isSameOrigin } from '../../../../server/request-info';
import { SESSION_COOKIE } from '../../../../server/session-cookie';

function sessionToken(request: Request): string | null {
  const cookie = request.headers.get('cookie') ?? '';
  const match = cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(SESSION_COOKIE.length + 1)) : null;
}

async function handler(request: Request) {
  const deps = getDeps();
  // Cross-site requests are served as anonymous: a forged POST cannot act as the user.
  const token = request.method === 'GET' || isSameOrigin(request) ? sessionToken(request) : null;
  const user = token ? await sessionUser(deps, token) : null;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    // Long queries travel as POST bodies; only mutations change anything.
    allowMethodOverride: true,
    createContext: () =>
      createApiContext(deps, user?.userId ?? null, { ip: clientIp(request), ingestUrl: ingestUrl(request), alerts: getAlertSettings() }),
  });
}

export { handler as GET, handler as POST };
