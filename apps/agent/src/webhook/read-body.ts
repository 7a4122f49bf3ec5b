import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip as gunzipCb } from 'node:zlib';
import { AppError } from '@kubetrail/contracts/core';

const gunzip = promisify(gunzipCb);

export interface BodyLimits {
  /** as received on the wire */
  maxWireBytes: number;
  /** after gzip decompression: inflating stops there, so no gzip bomb gets through */
  maxInflatedBytes: number;
}

/**
 * Reads the whole request within the limits. An oversized body is still read
 * (and discarded) up to a bound, so the client gets a 413 rather than a reset.
 */
export async function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const chunks: Buffer[] = [];
  let size = 0;
  const discardUpTo = limits.maxWireBytes * 4;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limits.maxWireBytes) chunks.push(chunk);
    else if (size > discardUpTo) {
      req.destroy();
      break;
    }
  }
  if (size > limits.maxWireBytes || declared > limits.maxWireBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `request body is over the ${limits.maxWireBytes}-byte limit`);
  }
  const body = Buffer.concat(chunks, size);
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not supported (use gzip or none)`);
  }
  try {
    return await gunzip(body, { maxOutputLength: limits.maxInflatedBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new AppError('PAYLOAD_TOO_LARGE', `request body inflates to more than ${limits.maxInflatedBytes} bytes`);
    }
    throw new AppError('BAD_REQUEST', `request body is not valid gzip: ${(err as Error).message}`);
  }
}
