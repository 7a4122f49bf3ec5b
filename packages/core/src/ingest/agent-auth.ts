import { AppError } from '@kubetrail/contracts';
import type { Db } from '@kubetrail/db';
import type { CompiledPolicy } from '@kubetrail/policy';
import { hashToken } from '../clusters/cluster-tokens';
import { CompiledPolicies } from '../policy/compiled-policies';

export interface AgentIdentity {
  clusterId: string;
  tokenId: string;
  auditEnabled: boolean;
  /** the cluster's audit policy, applied again to every batch as a guard; null keeps every event */
  policy: CompiledPolicy | null;
}

interface Entry {
  identity: AgentIdentity | null;
  expiresAt: number;
}

/**
 * Resolves bearer tokens to clusters. Answers are cached for `ttlMs` so a
 * busy ingest does not hit PostgreSQL per request; that bound is also how
 * soon a revoked token, a disabled cluster or a new audit policy takes effect.
 */
export class AgentAuthenticator {
  private readonly cache = new Map<string, Entry>();
  readonly policies = new CompiledPolicies();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(authorization: string | undefined | null): Promise<AgentIdentity> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new AppError('UNAUTHORIZED', 'missing bearer token: send "Authorization: Bearer <cluster token>"');
    const hash = hashToken(match[1]!);
    const cached = this.cache.get(hash);
    const identity = cached && cached.expiresAt > this.now() ? cached.identity : await this.lookup(hash);
    if (!identity) throw new AppError('UNAUTHORIZED', 'unknown or revoked cluster token');
    return identity;
  }

  private async lookup(hash: string): Promise<AgentIdentity | null> {
    const row = await this.db.clusterToken.findUnique({
      where: { tokenHash: hash },
      select: {
        id: true,
        revokedAt: true,
        cluster: { select: { id: true, auditEnabled: true, policy: { select: { source: true, version: true } } } },
      },
    });
    const identity =
      row && !row.revokedAt
        ? {
            clusterId: row.cluster.id,
            tokenId: row.id,
            auditEnabled: row.cluster.auditEnabled,
            policy: this.policies.get(row.cluster.id, row.cluster.policy),
          }
        : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { identity, expiresAt: this.now() + this.ttlMs });
    return identity;
  }
}
