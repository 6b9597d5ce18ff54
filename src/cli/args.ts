/**
 * Small argument-parsing layer over node:util parseArgs: strict options, a usage error type that
 * the entry point turns into exit code 2, and shared option sets.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user can act on: printed without a stack trace, exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export const DB_OPTION: Options = { db: { type: 'string' } };
export const JSON_OPTION: Options = { json: { type: 'boolean', default: false } };
export const HELP_OPTION: Options = { help: { type: 'boolean', short: 'h', default: false } };
export const FILTER_OPTIONS: Options = {
  lang: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  source: { type: 'string' },
};

export function parse(command: string, argv: string[], options: Options, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, ...HELP_OPTION }, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''), command);
  }
}

const ISO_PREFIX = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Validate a date filter (YYYY, YYYY-MM or YYYY-MM-DD). */
export function isoPrefix(command: string, name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!ISO_PREFIX.test(v)) throw new UsageError(`--${name} must be a date like 2025, 2025-03 or 2025-03-10 (got "${v}")`, command);
  return v;
}

export function langOption(command: string, v: string | undefined): 'fr' | 'en' | 'vi' | 'und' | undefined {
  if (v === undefined) return undefined;
  if (v === 'fr' || v === 'en' || v === 'vi' || v === 'und') return v;
  throw new UsageError(`--lang must be one of fr, en, vi, und (got "${v}")`, command);
}

export function intOption(command: string, name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${v}")`, command);
  return n;
}

/** Parse sizes like 20MB, 512k, 1048576. */
export function sizeOption(command: string, name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`--${name} must be a size like 20MB, 512KB or 1048576 (got "${v}")`, command);
  const mult: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
  return Math.round(Number(m[1]) * mult[(m[2] ?? 'b').toLowerCase()]);
}

/** `--dict` may be given several times. */
export function listOption(v: unknown): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as string[]) : [v as string];
}
