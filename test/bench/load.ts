import { connect, type Socket } from 'node:net';

/**
 * A minimal keep-alive HTTP/1.1 JSON client: the load driver must cost far less than the server it
 * measures, and Node's http client cost the driver ~0.4 ms of CPU per command on a 2-core machine,
 * CPU the server and PostgreSQL then lacked. One request per connection at a time; each connection
 * parses its answers itself (status line, Content-Length or chunked body) and goes back to the pool.
 */
export class JsonClient {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** The answer's JSON, unchecked: the caller says what it expects; an empty answer reads as null. */
  async request(method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const head =
      `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\nauthorization: Bearer ${key}\r\n` +
      (payload ? `content-type: application/json\r\ncontent-length: ${payload.length}\r\n` : '') +
      '\r\n';
    const connection = this.idle.pop() ?? (await this.open());
    try {
      const answer = await connection.send(payload ? Buffer.concat([Buffer.from(head), payload]) : Buffer.from(head));
      if (answer.keepAlive) this.idle.push(connection);
      else connection.close();
      const text = answer.body.toString('utf8');
      return { status: answer.status, body: (text ? JSON.parse(text) : null) as unknown };
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  close(): void {
    for (const connection of this.all) connection.close();
    this.all.clear();
    this.idle.length = 0;
  }

  private async open(): Promise<Connection> {
    const connection = await Connection.open(this.host, this.port, () => {
      this.all.delete(connection);
      const at = this.idle.indexOf(connection);
      if (at >= 0) this.idle.splice(at, 1);
    });
    this.all.add(connection);
    return connection;
  }
}

interface Answer {
  status: number;
  keepAlive: boolean;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection: one request in flight, its answer parsed from the bytes received. */
class Connection {
  private received: Buffer = Buffer.alloc(0);
  private pending: { resolve: (answer: Answer) => void; reject: (error: Error) => void } | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly onClose: () => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
      this.parse();
    });
    const fail = (error: Error) => {
      this.pending?.reject(error);
      this.pending = null;
    };
    socket.on('error', fail);
    socket.on('close', () => {
      fail(new Error('the server closed the connection'));
      this.onClose();
    });
  }

  static open(host: string, port: number, onClose: () => void): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new Connection(socket, onClose));
      });
      socket.once('error', reject);
    });
  }

  send(request: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** Resolves the pending request once its whole answer is in. */
  private parse(): void {
    const end = this.received.indexOf(HEADER_END);
    if (end < 0 || !this.pending) return;
    const lines = this.received.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(lines[0]?.split(' ')[1]);
    const headers = new Map(
      lines.slice(1).map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
      }),
    );
    const start = end + HEADER_END.length;
    const body = headers.get('transfer-encoding') === 'chunked' ? dechunk(this.received, start) : sized(this.received, start, headers);
    if (!body) return; // not all of it yet
    this.received = this.received.subarray(body.next);
    const keepAlive = headers.get('connection')?.toLowerCase() !== 'close';
    const { resolve } = this.pending;
    this.pending = null;
    resolve({ status, keepAlive, body: body.bytes });
  }
}

function sized(received: Buffer, start: number, headers: Map<string, string>): { bytes: Buffer; next: number } | null {
  const length = Number(headers.get('content-length') ?? 0);
  if (received.length < start + length) return null;
  return { bytes: received.subarray(start, start + length), next: start + length };
}

function dechunk(received: Buffer, start: number): { bytes: Buffer; next: number } | null {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = received.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(received.subarray(at, lineEnd).toString('latin1'), 16);
    const dataStart = lineEnd + 2;
    if (received.length < dataStart + size + 2) return null;
    if (size === 0) return { bytes: Buffer.concat(parts), next: dataStart + 2 };
    parts.push(received.subarray(dataStart, dataStart + size));
    at = dataStart + size + 2;
  }
}

export class Latencies {
  private readonly samples: number[] = [];
  record(ms: number): void {
    this.samples.push(ms);
  }
  get count(): number {
    return this.samples.length;
  }
  percentile(p: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
  }
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `clients` loops of `step` until `durationMs` has passed; returns how many steps completed. */
export async function runFor(clients: number, durationMs: number, step: (client: number) => Promise<number>): Promise<number> {
  const deadline = Date.now() + durationMs;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (Date.now() < deadline) {
        // Not `done += await step()`: that reads `done` before awaiting and loses the other clients' counts.
        const completed = await step(client);
        done += completed;
      }
    }),
  );
  return done;
}
