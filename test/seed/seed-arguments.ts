import type { SeedOptions } from './seed-plan';

export interface SeedArguments extends SeedOptions {
  /** A running network to seed instead of the embedded data (`npm start` with the clock override). */
  url: string | null;
  adminKey: string | null;
}

const USAGE = 'npm run seed -- --cases N --seed S [--start 2026-01-01] [--months 9] [--url http://127.0.0.1:3000 --admin-key psk_…]';

/** `--name value` pairs; every value is checked, with one message listing what is wrong. */
export function parseSeedArguments(argv: string[]): SeedArguments {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i] ?? '', argv[i + 1]];
    if (!flag.startsWith('--') || value === undefined) throw new Error(`unexpected "${flag}"; usage: ${USAGE}`);
    values.set(flag.slice(2), value);
  }
  const problems: string[] = [];
  const known = ['cases', 'seed', 'start', 'months', 'url', 'admin-key'];
  for (const name of values.keys()) if (!known.includes(name)) problems.push(`unknown option --${name}`);
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = values.get(name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`--${name} must be an integer from ${min} to ${max}`);
    return value;
  };
  const cases = integer('cases', 500, 1, 2_000_000);
  const seed = integer('seed', 1, 0, 2 ** 32 - 1);
  const months = integer('months', 9, 1, 36);
  const startRaw = values.get('start') ?? '2026-01-01';
  const start = new Date(`${startRaw}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startRaw) || Number.isNaN(start.getTime())) problems.push('--start must be a date such as 2026-01-01');
  const url = values.get('url') ?? null;
  const adminKey = values.get('admin-key') ?? null;
  if (url !== null && adminKey === null) problems.push('--url needs --admin-key (an admin key of that network)');
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\nusage: ${USAGE}`);
  return { cases, seed, months, start, url, adminKey };
}
