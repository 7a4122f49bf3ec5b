import { parseArgs } from 'node:util';
import { isProfileName, type ProfileName } from './generator/profiles';

export interface CliOptions {
  dir: string;
  profile: ProfileName;
  clusterName?: string;
  seed: number;
  rate: number;
  backfillHours: number;
  maxSizeMb: number;
  maxBackups: number;
  durationSec?: number;
}

export const USAGE = `usage: demo-fleet --dir DIR --profile managed|dedicated|registered [--cluster-name NAME]
       [--seed N] [--rate EVENTS_PER_SEC] [--backfill-hours H] [--max-size-mb MB]
       [--max-backups N] [--duration-sec S]`;

export class CliUsageError extends Error {}

function number(raw: string | undefined, flag: string, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw new CliUsageError(`--${flag} must be ${rule}, got "${raw}"`);
  return value;
}

export function parseCliOptions(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        dir: { type: 'string' },
        profile: { type: 'string' },
        'cluster-name': { type: 'string' },
        seed: { type: 'string' },
        rate: { type: 'string' },
        'backfill-hours': { type: 'string' },
        'max-size-mb': { type: 'string' },
        'max-backups': { type: 'string' },
        'duration-sec': { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (!parsed.dir) throw new CliUsageError('--dir is required');
  if (!parsed.profile || !isProfileName(parsed.profile)) throw new CliUsageError('--profile must be managed, dedicated or registered');
  const durationSec =
    parsed['duration-sec'] === undefined ? undefined : number(parsed['duration-sec'], 'duration-sec', 0, (n) => n > 0, 'a positive number');
  return {
    dir: parsed.dir,
    profile: parsed.profile,
    ...(parsed['cluster-name'] ? { clusterName: parsed['cluster-name'] } : {}),
    seed: number(parsed.seed, 'seed', 1, Number.isSafeInteger, 'an integer'),
    rate: number(parsed.rate, 'rate', 20, (n) => n > 0, 'a positive number'),
    backfillHours: number(parsed['backfill-hours'], 'backfill-hours', 0, (n) => n >= 0, 'zero or more'),
    maxSizeMb: number(parsed['max-size-mb'], 'max-size-mb', 100, (n) => n > 0, 'a positive number'),
    maxBackups: number(parsed['max-backups'], 'max-backups', 10, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer'),
    ...(durationSec !== undefined ? { durationSec } : {}),
  };
}
