import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { AppError, type IngestLimits } from '@kubetrail/contracts';

export interface Body {
  /** decompressed bytes */
  data: Buffer;
  /** bytes as received on the wire */
  wireBytes: number;
}

/**
 * Reads a request body, refusing it as soon as it passes the wire limit and,
 * for gzip, as soon as the inflated size passes its own limit: inflation
 * stops there, so a gzip bomb costs us at most that much memory.
 */
export async function readBody(req: IncomingMessage, limits: Pick<IngestLimits, 'maxBodyBytes' | 'maxInflatedBytes'>): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) throw tooLarge(`body of ${declared} bytes`, limits.maxBodyBytes);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding !== 'identity' && encoding !== 'gzip')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not supported; send identity or gzip`);

  const chunks: Buffer[] = [];
  let wireBytes = 0;
  let inflatedBytes = 0;
  const gunzip = encoding === 'gzip' ? createGunzip() : undefined;

  return new Promise<Body>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      gunzip?.destroy();
      req.unpipe();
      req.resume(); // drain what the client still sends so the answer reaches it
      reject(error);
    };
    const collect = (chunk: Buffer) => {
      inflatedBytes += chunk.length;
      if (gunzip && inflatedBytes > limits.maxInflatedBytes) return fail(tooLarge('decompressed body', limits.maxInflatedBytes));
      chunks.push(chunk);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve({ data: Buffer.concat(chunks), wireBytes });
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (wireBytes > limits.maxBodyBytes) return fail(tooLarge('body', limits.maxBodyBytes));
      if (gunzip) gunzip.write(chunk);
      else collect(chunk);
    });
    req.on('error', fail);
    req.on('aborted', () => fail(new AppError('BAD_REQUEST', 'the client closed the connection before the body was complete')));
    if (gunzip) {
      gunzip.on('data', collect);
      gunzip.on('error', (e) => fail(new AppError('BAD_REQUEST', `body is not valid gzip: ${e.message}`)));
      gunzip.on('end', finish);
      req.on('end', () => gunzip.end());
    } else req.on('end', finish);
  });
}

const tooLarge = (what: string, limit: number) => new AppError('PAYLOAD_TOO_LARGE', `${what} exceeds the limit of ${limit} bytes`);

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('MALFORMED_JSON', `body is not valid JSON: ${(error as Error).message}`);
  }
}
