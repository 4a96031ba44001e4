import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isReachable, parseRetryAfter, type AttemptResult } from '@passerelle/webhooks';
import { safeLookup } from './pinned-lookup';

export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * One POST of a webhook. Never follows a redirect (a 3xx is a failure: following it could lead to
 * a private address), checks every address at connection time, and gives up after `timeoutMs`
 * whatever the receiver does. Sockets are kept alive per origin; the response body is discarded.
 */
export class HttpAttempts {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxFreeSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxFreeSockets: 64 });

  constructor(private readonly options: { timeoutMs: number; allowLoopback: boolean }) {}

  /** `signal` aborts the attempt (the dispatcher is stopping); it then resolves as failed. */
  post(attempt: AttemptRequest, signal?: AbortSignal): Promise<AttemptResult> {
    const url = new URL(attempt.url);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    if (isIP(host) && !isReachable(host, this.options.allowLoopback)) {
      return Promise.resolve({ kind: 'failed', error: 'blocked: private address' });
    }
    const secure = url.protocol === 'https:';
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const settle = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      const request = (secure ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        lookup: safeLookup(this.options.allowLoopback),
        signal,
        headers: { ...attempt.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(attempt.body).toString() },
      });
      const timer = setTimeout(() => {
        settle({ kind: 'failed', error: `timeout after ${this.options.timeoutMs} ms` });
        request.destroy();
      }, this.options.timeoutMs);
      request.on('response', (response: IncomingMessage) => {
        settle({ kind: 'answered', status: response.statusCode ?? 0, retryAfterMs: retryAfter(response) });
        // Drain so the socket can be reused; a receiver still streaming after the timeout is cut off.
        response.on('end', () => clearTimeout(timer));
        response.on('error', () => clearTimeout(timer));
        response.resume();
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const code = error.name === 'AbortError' ? 'aborted' : error.code === 'EBLOCKED' ? 'blocked: private address' : error.code;
        settle({ kind: 'failed', error: code ?? 'network error' });
      });
      request.end(attempt.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function retryAfter(response: IncomingMessage): number | null {
  // Node keeps only the first of duplicated Retry-After headers, so this is one string or none.
  return parseRetryAfter(response.headers['retry-after'], new Date());
}
