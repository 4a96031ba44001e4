import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** The receiver of docs/webhooks.md, line for line: tests run the code partners are told to copy. */
export function exampleReceiver(secret: string, handle: (event: unknown) => void) {
  const webhook = new Webhook(secret); // whsec_… from POST /v1/webhooks
  const processed = new Set<string>(); // use your database in production
  return createServer((req, res) => {
    let body = '';
    req
      .on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      .on('end', () => {
        try {
          const event = webhook.verify(body, req.headers as Record<string, string>); // forged, tampered or > 5 min old: throws
          const id = req.headers['webhook-id'] as string;
          if (!processed.has(id)) {
            processed.add(id); // at-least-once: act once per webhook-id
            handle(event);
          }
          res.writeHead(204).end();
        } catch {
          res.writeHead(400).end();
        }
      });
  });
}
