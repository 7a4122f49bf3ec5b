import { AppError } from '@kubetrail/contracts';
import type { Db } from '@kubetrail/db';
import type { CompiledPolicy } from '@kubetrail/policy';
import { hashToken } from '../clusters/cluster-tokens';
import { CompiledPolicies } from '../policy/compiled-policies';
import { quotaDefaults } from '../quotas/quota-store';

export interface AgentIdentity {
  clusterId: string;
  tokenId: string;
  auditEnabled: boolean;
  /** the cluster's audit policy, applied again to every batch as a guard; null keeps every event */
  policy: CompiledPolicy | null;
  /** the cluster's ingest quota: its own override, else the operator's default */
  eventsPerSecond: number;
}

interface Entry {
  identity: AgentIdentity | null;
  expiresAt: number;
}

/**
 * Resolves bearer tokens to clusters. Answers are cached for `ttlMs` so a
 * busy ingest does not hit PostgreSQL per request; that bound is also how
 * soon a revoked token, a disabled cluster, a new audit policy or a new
 * ingest quota takes effect.
 */
export class AgentAuthenticator {
  private readonly cache = new Map<string, Entry>();
  readonly policies = new CompiledPolicies();
  // The default rate is one row for all clusters: read at most once per ttl, not once per token.
  private defaultRate: { value: Promise<number>; expiresAt: number } | undefined;

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
    const [row, defaultRate] = await Promise.all([
      this.db.clusterToken.findUnique({
        where: { tokenHash: hash },
        select: {
          id: true,
          revokedAt: true,
          cluster: {
            select: {
              id: true,
              auditEnabled: true,
              policy: { select: { source: true, version: true } },
              quota: { select: { ingestEventsPerSecond: true } },
            },
          },
        },
      }),
      this.defaultEventsPerSecond(),
    ]);
    const identity =
      row && !row.revokedAt
        ? {
            clusterId: row.cluster.id,
            tokenId: row.id,
            auditEnabled: row.cluster.auditEnabled,
            policy: this.policies.get(row.cluster.id, row.cluster.policy),
            eventsPerSecond: row.cluster.quota?.ingestEventsPerSecond ?? defaultRate,
          }
        : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { identity, expiresAt: this.now() + this.ttlMs });
    return identity;
  }

  private defaultEventsPerSecond(): Promise<number> {
    const now = this.now();
    if (!this.defaultRate || this.defaultRate.expiresAt <= now) {
      const value = quotaDefaults(this.db).then((d) => d.ingestEventsPerSecond);
      // A failed read is not cached: the next lookup tries again.
      void value.catch(() => {
        if (this.defaultRate?.value === value) this.defaultRate = undefined;
      });
      this.defaultRate = { value, expiresAt: now + this.ttlMs };
    }
    return this.defaultRate.value;
  }
}
