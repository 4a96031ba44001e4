import { get } from '../../api/client';
import type { DeliveryAttempt, WebhookDelivery, WebhookEndpoint } from '../../api/types';
import { formatDate, formatInstant, label, t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { h, replaceChildren } from '../../ui/dom';
import { emptyState, errorBox, loading } from '../../ui/feedback';
import { dataTable } from '../../ui/table';

const path = (...parts: string[]) => `/v1/webhooks/${parts.map(encodeURIComponent).join('/')}`;

/** What an attempt (or a delivery's last attempt) got back: an HTTP status, or why no answer came. */
const result = (status: number | null | undefined, error: string | null | undefined): string =>
  status !== null && status !== undefined
    ? t('webhooks.httpStatus', { status })
    : error
      ? t('webhooks.noAnswer', { error })
      : t('app.none');

/**
 * The partner's own webhook endpoints, each with its delivery log, and for one delivery every
 * attempt (GET /v1/webhooks/{id}/deliveries/{eventId}/attempts): what a developer needs to see
 * the 503s before a success. Read only; endpoints are registered by the partner's system.
 */
export async function renderWebhooks({ main }: ViewContext): Promise<void> {
  main.append(loading());
  try {
    const { items } = await get<{ items: WebhookEndpoint[] }>('/v1/webhooks');
    replaceChildren(
      main,
      h('p', { class: 'hint' }, t('webhooks.retention')),
      items.length === 0 ? emptyState(t('webhooks.empty')) : null,
      ...items.map(endpointSection),
    );
  } catch (error) {
    main.replaceChildren(errorBox(error));
  }
}

function endpointSection(endpoint: WebhookEndpoint): HTMLElement {
  const deliveries = h('div', {}, loading());
  const attempts = h('div', { 'aria-live': 'polite' });
  const section = h(
    'section',
    { class: 'endpoint' },
    h('h2', {}, endpoint.url),
    h('p', {}, t('webhooks.endpointStatus', { status: label('endpointStatus', endpoint.status) })),
    deliveries,
    attempts,
  );
  void get<{ items: WebhookDelivery[] }>(path(endpoint.id, 'deliveries'), { limit: 50 }).then(
    ({ items }) =>
      replaceChildren(
        deliveries,
        dataTable(
          t('webhooks.deliveries'),
          [
            { label: t('webhooks.type'), cell: (d) => d.type, csv: (d) => d.type },
            { label: t('webhooks.deliveryStatus'), cell: (d) => label('deliveryStatus', d.status), csv: (d) => d.status },
            { label: t('webhooks.attemptCount'), cell: (d) => d.attempts, csv: (d) => d.attempts, numeric: true },
            {
              label: t('webhooks.lastResult'),
              cell: (d) => result(d.lastResponseCode, d.lastError),
              csv: (d) => d.lastResponseCode ?? d.lastError,
            },
            { label: t('webhooks.lastAttemptAt'), cell: (d) => formatDate(d.lastAttemptAt), csv: (d) => d.lastAttemptAt },
            {
              label: t('webhooks.history'),
              cell: (d) =>
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'button button--secondary',
                    'aria-label': `${t('webhooks.showAttempts')} — ${d.type}`,
                    onclick: () => void showAttempts(attempts, endpoint, d),
                  },
                  t('webhooks.showAttempts'),
                ),
              csv: () => null,
            },
          ],
          items,
          'webhook-deliveries',
        ),
      ),
    (error: unknown) => replaceChildren(deliveries, errorBox(error)),
  );
  return section;
}

async function showAttempts(region: HTMLElement, endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<void> {
  replaceChildren(region, loading());
  try {
    const { items } = await get<{ items: DeliveryAttempt[] }>(path(endpoint.id, 'deliveries', delivery.eventId, 'attempts'));
    replaceChildren(
      region,
      dataTable(
        t('webhooks.attempts', { type: delivery.type }),
        [
          { label: t('webhooks.attemptAt'), cell: (a) => formatInstant(a.at), csv: (a) => a.at },
          { label: t('webhooks.result'), cell: (a) => result(a.status, a.error), csv: (a) => a.status ?? a.error ?? null },
          { label: t('webhooks.duration'), cell: (a) => a.durationMs, csv: (a) => a.durationMs, numeric: true },
        ],
        items,
        'webhook-attempts',
      ),
    );
  } catch (error) {
    replaceChildren(region, errorBox(error));
  }
}
