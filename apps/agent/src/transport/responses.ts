import type { AgentConfig, PushBatchResult } from '@kubetrail/contracts';
import { CompiledPolicyShapeError, decodeCompiledPolicy, type CompiledPolicy } from '@kubetrail/policy/engine';

// The platform's answers, checked by hand rather than with the contracts'
// Zod schemas: the agent ships without Zod to stay small beside the
// apiserver. The return types tie these checks to the contract at compile time.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const positiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** The agent config with its policy checked and ready to apply. */
export type AgentSettings = Omit<AgentConfig, 'policy'> & {
  policy: { source: string; version: number; compiled: CompiledPolicy } | null;
};

export class ResponseShapeError extends Error {}

function fail(what: string): never {
  throw new ResponseShapeError(`unexpected ${what} in the platform's answer`);
}

export function parseAgentConfig(data: unknown): AgentSettings {
  if (!isObject(data)) fail('config');
  const { clusterId, auditEnabled, policy, limits, heartbeatIntervalSeconds, configPollSeconds } = data;
  if (typeof clusterId !== 'string') fail('clusterId');
  if (typeof auditEnabled !== 'boolean') fail('auditEnabled');
  if (policy !== null && !(isObject(policy) && typeof policy.source === 'string' && Number.isInteger(policy.version))) fail('policy');

  if (
    !isObject(limits) ||
    !positiveInt(limits.maxEventsPerBatch) ||
    !positiveInt(limits.maxBodyBytes) ||
    !positiveInt(limits.maxEventBytes)
  )
    fail('limits');
  if (!positiveInt(heartbeatIntervalSeconds) || !positiveInt(configPollSeconds)) fail('intervals');
  return {
    clusterId,
    auditEnabled,
    policy:
      policy === null
        ? null
        : { source: policy.source as string, version: policy.version as number, compiled: compiledPolicy(policy.compiled) },
    limits: { maxEventsPerBatch: limits.maxEventsPerBatch, maxBodyBytes: limits.maxBodyBytes, maxEventBytes: limits.maxEventBytes },
    heartbeatIntervalSeconds,
    configPollSeconds,
  };
}

function compiledPolicy(value: unknown): CompiledPolicy {
  try {
    return decodeCompiledPolicy(value);
  } catch (error) {
    if (error instanceof CompiledPolicyShapeError)
      throw new ResponseShapeError(`unexpected policy in the platform's answer: ${error.message}`);
    throw error;
  }
}

/** A 2xx is the ack that matters: an odd body must not make the agent resend a stored batch. */
export function parsePushResult(data: unknown): PushBatchResult {
  if (isObject(data) && typeof data.batchId === 'string' && Number.isInteger(data.accepted) && typeof data.duplicate === 'boolean')
    return {
      batchId: data.batchId,
      accepted: data.accepted as number,
      droppedByPolicy: Number.isInteger(data.droppedByPolicy) ? (data.droppedByPolicy as number) : 0,
      duplicate: data.duplicate,
    };
  return { batchId: '', accepted: -1, droppedByPolicy: 0, duplicate: false };
}
