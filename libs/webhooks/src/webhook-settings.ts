import type { RuntimeSettings } from '@passerelle/config';

/** 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h (docs/webhooks.md). */
const DEFAULT_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];

/** How the dispatcher delivers, and what endpoints the API accepts. */
export interface WebhookSettings {
  /** Delay before each attempt (the first is usually 0); after the last attempt fails, dead-letter. */
  retryScheduleMs: number[];
  /** Endpoints on loopback addresses (http allowed there): development and tests only. */
  allowLoopback: boolean;
  /** Per-attempt limit for connecting, sending and reading the status line (15 s). */
  timeoutMs: number;
  /** An endpoint failing without a single success for this long is disabled (5 days). */
  disableAfterFailingMs: number;
  /** Most deliveries in flight per endpoint and process: a slow endpoint only ever holds its own slots. */
  concurrencyPerEndpoint: number;
  /** How long the previous secret stays valid after a rotation, by default (24 h). */
  rotationOverlapMs: number;
  /** Idle poll of the outbox, besides the wake-ups on new rows and freed slots. */
  pollMs: number;
  /** Each attempt stays in its delivery's history this long (30 days), then the dispatcher purges it. */
  attemptRetentionMs: number;
}

export function webhookSettings(settings: Pick<RuntimeSettings, 'webhooks'>, overrides: Partial<WebhookSettings> = {}): WebhookSettings {
  return {
    retryScheduleMs: settings.webhooks?.retryScheduleMs ?? DEFAULT_SCHEDULE_MS,
    allowLoopback: settings.webhooks?.allowLoopback ?? false,
    timeoutMs: settings.webhooks?.timeoutMs ?? 15_000,
    disableAfterFailingMs: 5 * 86_400_000,
    concurrencyPerEndpoint: 8,
    rotationOverlapMs: 86_400_000,
    pollMs: 200,
    attemptRetentionMs: settings.webhooks?.attemptRetentionMs ?? 30 * 86_400_000,
    ...overrides,
  };
}
