import type { LoggerService } from '@nestjs/common';
import { inspect } from 'node:util';
import { Client } from 'pg';

/** Lower case, no accents: "Zaïnabou" and "ZAINABOU" are the same finding. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** `\u00ef` written by a JSON encoder is still her name. */
const unescapeJson = (text: string) => text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * Everything a reader could trivially turn back into text: the text itself, and every base64,
 * base64url or hex run decoded (at each alignment, since a run may be glued to other characters).
 * AES-GCM ciphertexts decode to noise, so only plaintext that was merely encoded shows up.
 */
function readings(text: string): string[] {
  const out = [text, unescapeJson(text)];
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{8,}={0,2}/g)) {
    for (let skip = 0; skip < 4; skip++) {
      out.push(Buffer.from(run.slice(skip).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    }
  }
  for (const [run] of text.matchAll(/[0-9a-fA-F]{8,}/g)) {
    for (let skip = 0; skip < 2; skip++) out.push(Buffer.from(run.slice(skip), 'hex').toString('utf8'));
  }
  return out.map(fold);
}

/** The needles found in `text`, in any of its trivial readings. */
export function findPersonalData(text: string, needles: readonly string[]): string[] {
  const all = readings(text);
  return needles.filter((needle) => all.some((reading) => reading.includes(fold(needle))));
}

/** Every row of every table of the database, as JSON text, per table (event store, read models, keys…). */
export async function dumpDatabase(url: string): Promise<Map<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const dump = new Map<string, string>();
    for (const { schema, name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t`);
      dump.set(`${schema}.${name}`, rows.map((r) => r.row).join('\n'));
    }
    return dump;
  } finally {
    await client.end();
  }
}

/** Where each needle was found: table (or "log") → needles. Empty when she is nowhere. */
export function leaks(sources: Map<string, string>, needles: readonly string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [source, text] of sources) {
    const hits = findPersonalData(text, needles);
    if (hits.length > 0) found[source] = hits;
  }
  return found;
}

/** A Nest logger that keeps every line at every level, to search the application's output. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];

  log(message: unknown, ...rest: unknown[]) {
    this.keep('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.keep('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.keep('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.keep('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.keep('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.keep('fatal', message, rest);
  }

  /** Also keeps what anything prints with console.* while the network runs. */
  captureConsole(): () => void {
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on console itself
    const originals = methods.map((method) => console[method]);
    for (const method of methods) console[method] = (...args: unknown[]) => this.keep(`console.${method}`, args[0], args.slice(1));
    return () => methods.forEach((method, i) => (console[method] = originals[i] as typeof console.log));
  }

  /**
   * Also keeps the JSON lines the request log (pino, libs/observability/src/request-log.middleware.ts) writes
   * to standard output, instead of printing them. Call it before the network starts: pino writes
   * through process.stdout.write only when it finds that method replaced at its creation.
   */
  captureStdout(): () => void {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back on process.stdout itself
    const original = process.stdout.write;
    const keep = (chunk: string | Uint8Array): true => {
      this.lines.push(`stdout ${typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')}`);
      return true;
    };
    process.stdout.write = keep;
    return () => (process.stdout.write = original);
  }

  private keep(level: string, message: unknown, rest: unknown[]): void {
    const text = (value: unknown) => (typeof value === 'string' ? value : inspect(value, { depth: 10, breakLength: Infinity }));
    this.lines.push([level, text(message), ...rest.map(text)].join(' '));
  }
}
