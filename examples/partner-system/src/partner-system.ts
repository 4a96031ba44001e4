import { UnknownWebhookTypeError, verifyWebhook, type PasserelleClient, type WebhookEvent } from '@passerelle/client';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool, PoolClient } from 'pg';
import { decide } from './decide';
import { answer } from './passerelle';
import { migrate, once, recordDecision, storedEndpoint, storeEndpoint } from './state';

export interface PartnerSystemOptions {
  passerelle: PasserelleClient;
  /** This system's own database (never the network's). */
  pool: Pool;
  port: number;
  host?: string;
  /** The URL the network posts to; http://<host>:<port>/webhooks when absent (a local network allows loopback). */
  publicUrl?: string;
}

export interface PartnerSystem {
  organisationId: string;
  webhookUrl: string;
  endpointId: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * A partner's own system: it listens for Passerelle's webhooks, registers its endpoint once (the
 * secret is kept in its database), and answers every referral made to its organisation with the
 * rule of decide.ts. Each webhook-id is acted on once, however many times it is delivered.
 */
export async function startPartnerSystem(options: PartnerSystemOptions): Promise<PartnerSystem> {
  const { passerelle, pool } = options;
  await migrate(pool);
  const me = answer(await passerelle.GET('/v1/me'));
  let secret = '';
  const server = createServer((request, response) => void receive(request, response));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const webhookUrl = options.publicUrl ?? `http://${host}:${(server.address() as AddressInfo).port}/webhooks`;

  const endpoint = (await storedEndpoint(pool, webhookUrl)) ?? (await register(webhookUrl));
  secret = endpoint.secret;

  async function register(url: string) {
    const registered = answer(await passerelle.POST('/v1/webhooks', { body: { url, events: ['referral.made.v1'] } }));
    // The secret is shown once: a replayed registration (same Idempotency-Key) answers without it.
    if (!('secret' in registered)) throw new Error('the webhook was registered before and its secret is not shown again');
    await storeEndpoint(pool, url, registered.id, registered.secret);
    return { endpointId: registered.id, secret: registered.secret };
  }

  async function receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || new URL(request.url ?? '/', 'http://x').pathname !== new URL(webhookUrl).pathname) {
      response.writeHead(404).end();
      return;
    }
    let event: WebhookEvent;
    try {
      event = verifyWebhook(secret, await rawBody(request), request.headers);
    } catch (error) {
      // A type we do not handle is genuine all the same: acknowledge it, a redelivery would not help.
      response.writeHead(error instanceof UnknownWebhookTypeError ? 204 : 401).end();
      return;
    }
    try {
      if (event.type === 'referral.made.v1')
        await once(pool, event.eventId, event.type, (tx) => answerReferral(tx, event.referralId, event.eventId));
      response.writeHead(204).end();
    } catch (error) {
      // Nothing was recorded: the network delivers it again later (docs/webhooks.md), and we try again then.
      console.error(
        `partner-system: webhook ${event.eventId} failed, awaiting its redelivery:`,
        error instanceof Error ? error.message : error,
      );
      response.writeHead(503).end();
    }
  }

  async function answerReferral(tx: PoolClient, referralId: string, webhookId: string): Promise<void> {
    const params = { path: { id: referralId } };
    const referral = answer(await passerelle.GET('/v1/referrals/{id}', { params }));
    if (referral.to !== me.organisationId) return; // one we sent: not ours to answer
    if (referral.status !== 'referred') return recordDecision(tx, referralId, webhookId, 'skipped', referral.status);
    const directory = answer(await passerelle.GET('/v1/organisations'));
    const decision = decide(
      referral.service,
      directory.items.find((organisation) => organisation.id === me.organisationId)?.capacity ?? [],
    );
    // The same key on every attempt for this webhook: if we crash after the network answered, our retry writes nothing new.
    const headers = { 'Idempotency-Key': `partner-system-${webhookId}` };
    const moved =
      decision.action === 'accept'
        ? await passerelle.POST('/v1/referrals/{id}/acceptance', { params, body: {}, headers })
        : await passerelle.POST('/v1/referrals/{id}/decline', { params, body: { reason: decision.reason }, headers });
    // 409: a caseworker (or the sender) moved it first; that answer stands.
    if (moved.response.status === 409) return recordDecision(tx, referralId, webhookId, 'skipped', 'moved_elsewhere');
    answer(moved);
    await recordDecision(tx, referralId, webhookId, decision.action, decision.action === 'decline' ? decision.reason : null);
  }

  return {
    organisationId: me.organisationId,
    webhookUrl,
    endpointId: endpoint.endpointId,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The bytes as they came: the signature covers them, not a re-serialised object. */
async function rawBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
