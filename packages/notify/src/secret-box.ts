import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const SEALED = /^v1:([A-Za-z0-9+/]+={0,2}):([A-Za-z0-9+/]+={0,2}):([A-Za-z0-9+/]*={0,2})$/;
const CANNOT_OPEN = 'a stored channel secret cannot be opened with this KUBETRAIL_SECRETS_KEY';

/** KUBETRAIL_SECRETS_KEY: 32 bytes in base64, the AES-256 key channel secrets are sealed with. */
export function parseSecretsKey(value: string): Buffer {
  const text = value.trim();
  // Buffer.from skips characters that are not base64, so a typo would silently give another key.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw new Error('KUBETRAIL_SECRETS_KEY is not base64; make one with `openssl rand -base64 32`');
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new Error(`KUBETRAIL_SECRETS_KEY must be 32 bytes in base64, not ${key.length}; make one with \`openssl rand -base64 32\``);
  return key;
}

export function isSealed(value: string): boolean {
  return SEALED.test(value);
}

/**
 * `v1:<iv>:<tag>:<ciphertext>`, AES-256-GCM with a fresh IV. The context
 * (the channel kind) is authenticated, so a sealed value cannot be moved
 * to a channel of another kind.
 */
export function sealSecret(plain: string, key: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ciphertext.toString('base64')}`;
}

export function openSecret(sealed: string, key: Buffer, context: string): string {
  const [, iv, tag, ciphertext] = SEALED.exec(sealed) ?? [];
  if (iv === undefined || tag === undefined || ciphertext === undefined) throw new Error(CANNOT_OPEN);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(CANNOT_OPEN);
  }
}
