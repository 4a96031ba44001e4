import { get, newIdempotencyKey, post } from '../../api/client';
import type { PlaceRequest } from '../../api/types';
import { formatDate, label, t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { organisationName } from '../../session';
import { countdown } from '../../ui/countdown';
import { h, replaceChildren } from '../../ui/dom';
import { errorBox, loading, success } from '../../ui/feedback';
import { dataTable } from '../../ui/table';

/**
 * A place request as its sender sees it (GET /v1/place-requests/{id}): its status, who accepted,
 * and each shelter's answer and how long it took; the sender may cancel it while it is open.
 */
export async function renderPlaceRequest(context: ViewContext): Promise<void> {
  const { main, params, go } = context;
  const placeRequestId = typeof params.placeRequestId === 'string' ? params.placeRequestId : '';
  const back = h(
    'button',
    { type: 'button', class: 'button button--ghost', onclick: () => go('inbox', { direction: 'sent' }) },
    `← ${t('app.back')}`,
  );
  replaceChildren(main, back, loading());
  let request: PlaceRequest;
  try {
    request = await get<PlaceRequest>(`/v1/place-requests/${encodeURIComponent(placeRequestId)}`);
  } catch (error) {
    replaceChildren(main, back, errorBox(error));
    return;
  }
  const reload = (notice: 'sent' | 'cancelled' | null) => void renderPlaceRequest({ ...context, params: { placeRequestId, notice } });
  const feedback = h('div', { class: 'feedback' });
  const cancelKey = newIdempotencyKey();
  const cancel = async () => {
    try {
      await post(`/v1/place-requests/${encodeURIComponent(placeRequestId)}/cancellation`, {}, cancelKey);
      reload('cancelled');
    } catch (error) {
      feedback.replaceChildren(errorBox(error));
    }
  };
  const facts: [string, string][] = [
    [t('placeRequest.status'), label('placeRequestStatus', request.status)],
    [t('referral.service'), label('service', request.service)],
    [t('referral.urgency'), label('urgency', request.urgency)],
    [t('referral.respondBy'), formatDate(request.respondBy)],
    [t('referral.createdAt'), formatDate(request.createdAt)],
  ];
  replaceChildren(
    main,
    back,
    params.notice === 'sent' ? success(t('placeRequest.sent')) : null,
    params.notice === 'cancelled' ? success(t('placeRequest.cancelled')) : null,
    h(
      'p',
      { class: `notice${request.placed ? ' notice--success' : ''}`, role: 'status' },
      request.placed
        ? t('placeRequest.acceptedBy', { organisation: organisationName(request.placed.organisationId) })
        : t('placeRequest.waiting'),
    ),
    request.status === 'open' && request.respondBy ? countdown(request.respondBy) : null,
    h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    dataTable(
      t('placeRequest.recipients'),
      [
        { label: t('placeRequest.organisation'), cell: (r) => organisationName(r.organisationId), csv: (r) => r.organisationId },
        { label: t('placeRequest.answer'), cell: (r) => answerOf(r), csv: (r) => r.status },
        {
          label: t('placeRequest.responseTime'),
          cell: (r) =>
            r.responseSeconds === null ? t('app.none') : t('placeRequest.minutes', { minutes: Math.round(r.responseSeconds / 60) }),
          csv: (r) => r.responseSeconds,
          numeric: true,
        },
      ],
      request.recipients,
      'place-request',
    ),
    feedback,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', class: 'button button--secondary', onclick: () => reload(null) }, t('placeRequest.refresh')),
      request.status === 'open'
        ? h('button', { type: 'button', class: 'button button--secondary', onclick: () => void cancel() }, t('placeRequest.cancel'))
        : null,
    ),
  );
}

function answerOf(recipient: PlaceRequest['recipients'][number]): string {
  const reason = recipient.declineReason
    ? label('declineReason', recipient.declineReason)
    : recipient.withdrawalReason
      ? label('withdrawalReason', recipient.withdrawalReason)
      : null;
  return reason ? `${label('status', recipient.status)} — ${reason}` : label('status', recipient.status);
}
