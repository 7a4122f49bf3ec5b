import type { AuditLevel, AuditStage } from '@kubetrail/contracts';
import { firstMatch } from './evaluate';
import { effectiveLevel, LEVEL_RANK } from './levels';
import type { CompiledPolicy, RequestAttributes } from './types';

/** One stored event, as much of it as a replay needs. */
export interface ReplayRecord {
  attrs: RequestAttributes;
  stage: AuditStage;
  /** the level it was recorded at */
  level: AuditLevel;
  /** stored size of the whole event */
  bytes: number;
  /** sizes of its request and response objects, which lower levels drop */
  requestBytes: number;
  responseBytes: number;
}

export interface RuleTally {
  rule: number;
  line: number;
  level: AuditLevel;
  /** events this rule was the first to match */
  matched: number;
  keptEvents: number;
  keptBytes: number;
  keptAt: { Metadata: number; Request: number; RequestResponse: number };
}

export interface TallyResult {
  events: number;
  keptEvents: number;
  keptBytes: number;
  /** null for "no policy": every event kept as stored */
  rules: RuleTally[] | null;
  /** events no rule matched (dropped) */
  unmatched: number;
  /** rules that matched nothing */
  deadRules: number[];
}

/**
 * What a policy would keep of a stream of stored events, per rule. Trimmed
 * sizes are estimated by removing the request and response objects the
 * effective level drops.
 */
export class PolicyTally {
  private events = 0;
  private keptEvents = 0;
  private keptBytes = 0;
  private unmatched = 0;
  private readonly rules: RuleTally[] | null;

  constructor(private readonly policy: CompiledPolicy | null) {
    this.rules = policy
      ? policy.rules.map((r, i) => ({
          rule: i,
          line: r.line,
          level: r.level,
          matched: 0,
          keptEvents: 0,
          keptBytes: 0,
          keptAt: { Metadata: 0, Request: 0, RequestResponse: 0 },
        }))
      : null;
  }

  add(record: ReplayRecord): void {
    this.events++;
    if (!this.policy || !this.rules) {
      this.keptEvents++;
      this.keptBytes += record.bytes;
      return;
    }
    const index = firstMatch(this.policy, record.attrs);
    if (index < 0) {
      this.unmatched++;
      return;
    }
    const rule = this.policy.rules[index]!;
    const tally = this.rules[index]!;
    tally.matched++;
    if (rule.omitStages.includes(record.stage)) return;
    const level = effectiveLevel(record.level, rule.level);
    if (level === 'None') return;
    let bytes = record.bytes;
    if (LEVEL_RANK[level] < LEVEL_RANK.Request) bytes -= record.requestBytes;
    if (LEVEL_RANK[level] < LEVEL_RANK.RequestResponse) bytes -= record.responseBytes;
    tally.keptEvents++;
    tally.keptBytes += bytes;
    tally.keptAt[level]++;
    this.keptEvents++;
    this.keptBytes += bytes;
  }

  result(): TallyResult {
    return {
      events: this.events,
      keptEvents: this.keptEvents,
      keptBytes: this.keptBytes,
      rules: this.rules,
      unmatched: this.unmatched,
      deadRules: this.rules ? this.rules.filter((r) => r.matched === 0).map((r) => r.rule) : [],
    };
  }
}
