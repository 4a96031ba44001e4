import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks signing with the `standardwebhooks` package: `v1,` + base64 HMAC-SHA256 of
 * `id.timestamp.body` with each secret that signs right now, space-separated, so a receiver in the
 * middle of a secret rotation accepts the message with either its old or its new secret.
 */
export class Signer {
  private readonly cache = new Map<string, Webhook>();

  headers(eventId: string, body: string, secrets: readonly string[], now: Date = new Date()): Record<string, string> {
    const signatures = secrets.map((secret) => this.webhook(secret).sign(eventId, now, body));
    return {
      'webhook-id': eventId,
      'webhook-timestamp': Math.floor(now.getTime() / 1000).toString(),
      'webhook-signature': signatures.join(' '),
    };
  }

  private webhook(secret: string): Webhook {
    let webhook = this.cache.get(secret);
    if (!webhook) {
      if (this.cache.size > 10_000) this.cache.clear();
      webhook = new Webhook(secret);
      this.cache.set(secret, webhook);
    }
    return webhook;
  }
}
