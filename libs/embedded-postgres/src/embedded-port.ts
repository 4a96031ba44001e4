import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { EmbeddedPostgresError, errnoCode, fileSystemError } from './embedded-postgres.error';

/** Not 5432: a PostgreSQL installed on the machine may listen there. */
export const DEFAULT_EMBEDDED_PORT = 54329;
export const PORT_VARIABLE = 'PASSERELLE_EMBEDDED_PG_PORT';

/**
 * The port to start on. An explicit one (option or PASSERELLE_EMBEDDED_PG_PORT) is used as given,
 * because whoever set it expects to find the server there. Otherwise the port remembered in
 * `<dataDir>/pg-port`, else 54329; if something else holds it, any free port, remembered so that
 * later starts (and a psql pointed at it) find the same server.
 * Called after orphan recovery, so a port still taken is not held by our own server.
 */
export async function choosePort(explicit: number | undefined, rememberFile: string, log: (line: string) => void): Promise<number> {
  const requested = explicit ?? portFromEnv();
  if (requested !== undefined) {
    if (await isPortFree(requested)) return requested;
    throw new EmbeddedPostgresError(
      `port ${requested} is already in use`,
      `Stop what listens there, or set ${PORT_VARIABLE} to a free port.`,
    );
  }
  const remembered = await readRemembered(rememberFile);
  const preferred = remembered ?? DEFAULT_EMBEDDED_PORT;
  if (await isPortFree(preferred)) return preferred;
  const port = await freePort();
  try {
    await writeFile(rememberFile, `${port}\n`);
  } catch (error) {
    throw fileSystemError(error, rememberFile);
  }
  log(`Embedded PostgreSQL: port ${preferred} is taken by another program, using ${port} from now on (saved in ${rememberFile})`);
  return port;
}

function portFromEnv(): number | undefined {
  const raw = process.env[PORT_VARIABLE]?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  throw new EmbeddedPostgresError(`${PORT_VARIABLE} must be a port number from 1 to 65535 (got "${raw}")`, 'Fix the variable or unset it.');
}

async function readRemembered(file: string): Promise<number | undefined> {
  try {
    const port = Number((await readFile(file, 'utf8')).trim());
    return Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw fileSystemError(error, file);
  }
}

/** Whether 127.0.0.1:port can be bound right now (the address the server listens on). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the OS reports free on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}
