import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@kubetrail/contracts';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { resolveCluster } from './clusters';

const TOKEN_PREFIX = 'kt_';

/** Tokens carry 256 random bits, so a plain SHA-256 is a safe one-way hash for lookup. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export interface IssuedToken {
  tokenId: string;
  token: string;
}

export async function issueToken({ db }: Pick<CoreDeps, 'db'>, clusterId: string): Promise<IssuedToken> {
  const token = generateToken();
  const row = await db.clusterToken.create({ data: { id: newId('t'), clusterId, tokenHash: hashToken(token) } });
  return { tokenId: row.id, token };
}

export async function createClusterToken(deps: CoreDeps, cluster: string): Promise<IssuedToken> {
  const { id } = await resolveCluster(deps, cluster);
  return issueToken(deps, id);
}

export async function revokeClusterToken(deps: CoreDeps, cluster: string, tokenId: string): Promise<{ tokenId: string; revokedAt: Date }> {
  const { id } = await resolveCluster(deps, cluster);
  const token = await deps.db.clusterToken.findFirst({ where: { id: tokenId, clusterId: id } });
  if (!token) throw new AppError('NOT_FOUND', `cluster ${id} has no token ${tokenId}`);
  const revoked = token.revokedAt ? token : await deps.db.clusterToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
  return { tokenId, revokedAt: revoked.revokedAt! };
}

export async function listClusterTokens(deps: CoreDeps, cluster: string) {
  const { id } = await resolveCluster(deps, cluster);
  return deps.db.clusterToken.findMany({
    where: { clusterId: id },
    select: { id: true, createdAt: true, revokedAt: true, lastUsedAt: true },
    orderBy: { createdAt: 'asc' },
  });
}
