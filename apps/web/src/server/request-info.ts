import 'server-only';
import { loadWebConfig } from './env';

/**
 * The client's address: the last X-Forwarded-For hop is the one the nearest
 * proxy (Next's own server, or the operator's) saw, so clients cannot pick it.
 */
export function clientIp(request: Request): string | null {
  const hops =
    request.headers
      .get('x-forwarded-for')
      ?.split(',')
      .map((h) => h.trim())
      .filter(Boolean) ?? [];
  return hops.at(-1) ?? request.headers.get('x-real-ip');
}

/** Where agents reach the ingest API: configured, or the host the browser used on the ingest port. */
export function ingestUrl(request: Request): string {
  const config = loadWebConfig();
  if (config.ingestPublicUrl) return config.ingestPublicUrl;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? 'localhost';
  const hostname = new URL(`http://${host}`).hostname;
  return `http://${hostname}:${config.ingestPort}`;
}

/**
 * Mutations must come from the console's own pages: the Origin (which browsers
 * always send on POST) has to name the host the request was sent to.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return request.headers.get('sec-fetch-site') === 'same-origin';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
