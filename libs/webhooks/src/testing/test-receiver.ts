import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
}

/** How the receiver answers: a status (with optional headers), or never (until the socket is cut). */
export type ReceiverBehaviour = { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang';

/**
 * Test-only: a webhook receiver on 127.0.0.1 that records every request, verifies signatures with
 * `standardwebhooks` once it knows the secret, processes each webhook-id once (an idempotent
 * receiver), and can be told to fail, hang, or go down and come back on the same port.
 */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** webhook-id → verified payload, first time only. */
  readonly processed = new Map<string, Record<string, unknown>>();
  readonly invalid: ReceivedRequest[] = [];
  secrets: string[] = [];
  behave: (request: ReceivedRequest, attempt: number) => ReceiverBehaviour = () => ({ status: 204 });
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  static async start(): Promise<TestReceiver> {
    const receiver = new TestReceiver();
    await receiver.up();
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests per webhook-id so far (every attempt counts). */
  attemptsOf(id: string): number {
    return this.requests.filter((r) => r.id === id).length;
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => this.receive(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Goes down: refuses connections (and cuts any hanging one) until `up()`. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const header = (name: string) => String(req.headers[name] ?? '');
      const request = { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature'), body };
      this.requests.push(request);
      const behaviour = this.behave(request, this.attemptsOf(request.id));
      if (behaviour === 'hang') return;
      const answer = () => {
        if (behaviour.status >= 200 && behaviour.status < 300) this.process(request, req);
        res.writeHead(behaviour.status, behaviour.headers).end();
      };
      if (behaviour.delayMs) setTimeout(answer, behaviour.delayMs);
      else answer();
    });
  }

  private process(request: ReceivedRequest, req: IncomingMessage): void {
    if (this.secrets.length === 0) return;
    const verified = this.secrets.some((secret) => {
      try {
        new Webhook(secret).verify(request.body, req.headers as Record<string, string>);
        return true;
      } catch {
        return false;
      }
    });
    if (!verified) this.invalid.push(request);
    else if (!this.processed.has(request.id)) this.processed.set(request.id, JSON.parse(request.body) as Record<string, unknown>);
  }
}
