import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Refused, type Outcome, type SendContext } from './delivery-result';
import { checkedAddresses, type CheckedAddress } from './ssrf-guard';

// Enough for any error message or DingTalk answer; a receiver streaming more cannot fill the worker's memory.
const BODY_LIMIT = 64 * 1024;

export interface HttpReply {
  status: number;
  location: string | undefined;
  body: string;
}

/** A channel's URL setting, never echoed in errors: it may be the channel's credential. */
export function channelUrl(value: string): URL {
  if (!URL.canParse(value)) throw new Refused('refused: the channel URL is not a valid URL');
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Refused(`refused: the channel URL is not http or https but ${url.protocol}`);
  return url;
}

/** POSTs JSON to a public address of the URL's host (see checkedAddresses); redirects are answers, not followed. */
export async function postJson(url: URL, body: string, headers: Record<string, string>, ctx: SendContext): Promise<HttpReply> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = await checkedAddresses(hostname, ctx.allowList);
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      {
        // The hostname stays, for the Host header and TLS (SNI and certificate check); only its resolution is pinned.
        hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: {
          'User-Agent': 'Kubetrail-Alerts',
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
        },
        lookup: pinnedLookup(addresses),
        agent: false,
        signal: ctx.signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: Buffer.concat(chunks).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size < BODY_LIMIT) return;
          response.destroy();
          done();
        });
        response.on('end', done);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const pinnedLookup =
  (addresses: CheckedAddress[]): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };

/** The common reading of an HTTP answer: 2xx delivered, anything else a failure that says what came back. */
export function replyOutcome(reply: HttpReply): Outcome {
  const { status } = reply;
  if (status >= 200 && status < 300) return { ok: true, responseCode: status };
  // Following one would let a public host send us on to an internal one; and the channel is misconfigured either way.
  if (status >= 300 && status < 400)
    return {
      ok: false,
      responseCode: status,
      error: `redirect to ${excerpt(reply.location ?? '(no location)')} not followed`,
      retryable: false,
    };
  const body = excerpt(reply.body);
  return { ok: false, responseCode: status, error: body ? `HTTP ${status}: ${body}` : `HTTP ${status}` };
}

/** A receiver's text fit for one line of delivery history. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
