import { get } from '../../api/client';
import type { Referral } from '../../api/types';
import { formatDate, label, t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { organisationName } from '../../session';
import { h, replaceChildren } from '../../ui/dom';
import { countdown } from '../../ui/countdown';
import { errorBox, loading, success } from '../../ui/feedback';
import { personDetails } from './person-summary';
import type { DocumentKind } from './documents.view';
import { actionForm, actionsFor } from './referral-actions';

/** One referral as its two parties see it: her data only within consent, and the next possible steps. */
export async function renderReferral(context: ViewContext): Promise<void> {
  const { main, me, params, go } = context;
  const referralId = typeof params.referralId === 'string' ? params.referralId : '';
  const back = h(
    'button',
    { type: 'button', class: 'button button--ghost', onclick: () => go('inbox', { direction: params.direction }) },
    `← ${t('app.back')}`,
  );
  replaceChildren(main, back, loading());
  let referral: Referral;
  try {
    referral = await get<Referral>(`/v1/referrals/${encodeURIComponent(referralId)}`);
  } catch (error) {
    replaceChildren(main, back, errorBox(error));
    return;
  }
  const facts: [string, string][] = [
    [t('referral.service'), label('service', referral.service)],
    [t('referral.from'), organisationName(referral.from)],
    [t('referral.to'), organisationName(referral.to)],
    [t('referral.urgency'), label('urgency', referral.urgency)],
    [t('referral.status'), label('status', referral.status)],
    [t('referral.respondBy'), formatDate(referral.respondBy)],
    [t('referral.createdAt'), formatDate(referral.createdAt)],
    [t('referral.updatedAt'), formatDate(referral.updatedAt)],
  ];
  if (referral.declineReason) facts.push([t('referral.reason'), label('declineReason', referral.declineReason)]);
  if (referral.withdrawalReason) facts.push([t('referral.reason'), label('withdrawalReason', referral.withdrawalReason)]);
  if (referral.outcome) facts.push([t('referral.outcome'), label('outcome', referral.outcome)]);
  const notes = referral.notes.filter((n) => n.note);
  const actions = actionsFor(referral, me);
  // The re-rendered view opens with a role=status notice, which screen readers announce.
  const refresh = () => void renderReferral({ ...context, params: { ...params, justDone: true } });
  replaceChildren(
    main,
    back,
    params.justDone ? success(t('action.done')) : null,
    referral.placeRequestId && referral.to === me.organisationId && referral.otherRecipients
      ? h(
          'section',
          { class: 'notice' },
          h('p', { class: 'notice__title' }, t('placeRequest.others', { count: referral.otherRecipients })),
          h('p', {}, t('placeRequest.othersHint')),
          referral.status === 'referred' && referral.respondBy ? countdown(referral.respondBy) : null,
        )
      : null,
    h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    referral.message ? h('section', {}, h('h2', {}, t('referral.message')), h('p', { class: 'message' }, referral.message)) : null,
    h(
      'section',
      {},
      h('h2', {}, t('referral.person')),
      personDetails(referral.erased ? null : referral.person, referral.visibleCategories),
    ),
    notes.length
      ? h(
          'section',
          {},
          h('h2', {}, t('referral.notes')),
          h('ul', { class: 'notes' }, ...notes.map((n) => h('li', {}, h('strong', {}, organisationName(n.by)), ' — ', String(n.note)))),
        )
      : null,
    // Only the holder of her case referred her: it alone can print her receipt and her access report.
    referral.from === me.organisationId ? herDocuments(referral.caseId, go) : null,
    h(
      'section',
      {},
      h('h2', {}, t('referral.actions')),
      actions.length
        ? h('div', { class: 'actions' }, ...actions.map((action) => actionForm(action, refresh)))
        : h('p', { class: 'empty' }, t('referral.noAction')),
    ),
  );
}

function herDocuments(caseId: string, go: ViewContext['go']): HTMLElement {
  const open = (kind: DocumentKind) => () => go('documents', { caseId, kind });
  return h(
    'div',
    { class: 'buttons' },
    h('button', { type: 'button', class: 'button button--secondary', onclick: open('receipt') }, t('documents.open.receipt')),
    h('button', { type: 'button', class: 'button button--secondary', onclick: open('report') }, t('documents.open.report')),
  );
}
