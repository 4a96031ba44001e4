import { get, newIdempotencyKey, post } from '../../api/client';
import type { Organisation, Written } from '../../api/types';
import { label, t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { checkedValues, fieldValue, h } from '../../ui/dom';
import { emptyState, errorBox, success } from '../../ui/feedback';
import { busy, choices, field, fieldset, form, input, select, textarea } from '../../ui/forms';
import { ANY_REFERRAL_RECIPIENT, DEPARTMENTS, SERVICES, URGENCIES } from '../../vocabulary';
import type { ConsentTerms } from './identify-form';

/**
 * Refer the woman just identified to a partner from the directory (POST /v1/referrals), or ask
 * several shelters at once for a place (POST /v1/place-requests: the first to accept takes her in).
 * Only partners her consent names are offered, and only the categories she agreed to share.
 */
export function renderRefer({ main, me, params, go }: ViewContext): void {
  const caseId = typeof params.caseId === 'string' ? params.caseId : '';
  const consent = params.consent as ConsentTerms | null | undefined;
  const toInbox = h('button', { type: 'button', class: 'button button--secondary', onclick: () => go('inbox') }, t('refer.later'));
  if (params.justIdentified) main.append(success(t('identify.done')));
  // Her consent is recorded: the holder can hand her the receipt now, in her language.
  if (caseId) {
    const receipt = () => go('documents', { caseId, kind: 'receipt' });
    main.append(
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', class: 'button button--secondary', onclick: receipt }, t('documents.open.receipt')),
      ),
    );
  }
  if (!caseId || !consent?.purposes.includes('referral')) {
    main.append(h('p', { class: 'notice' }, t('refer.noConsent')), toInbox);
    return;
  }
  const covers = (organisation: Organisation) =>
    consent.recipients.includes(ANY_REFERRAL_RECIPIENT) || consent.recipients.includes(organisation.id);
  const service = select(
    'service',
    SERVICES.map((s) => ({ value: s, label: label('service', s) })),
    { required: true, empty: t('app.choose') },
  );
  const department = select(
    'department',
    DEPARTMENTS.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
    { empty: t('app.all') },
  );
  const several = h('input', { type: 'checkbox', id: 'several', name: 'several' });
  const onlyFree = h('input', { type: 'checkbox', id: 'onlyFree', name: 'onlyFree' });
  const partners = h('div', { class: 'partners', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('refer.submit'));
  const search = async () => {
    partners.replaceChildren();
    submit.textContent = several.checked ? t('refer.submitSeveral') : t('refer.submit');
    if (!service.value) return;
    try {
      const { items } = await get<{ items: Organisation[] }>('/v1/organisations', {
        service: service.value,
        department: department.value || undefined,
      });
      const offered = items.filter(
        (o) => o.id !== me.organisationId && covers(o) && (!onlyFree.checked || freePlaces(o, service.value) > 0),
      );
      partners.append(
        offered.length === 0
          ? emptyState(t('refer.none'))
          : choices(
              t('refer.partners'),
              'to',
              offered.map((o) => ({
                value: o.id,
                label: `${o.name} — ${label('kind', o.kind)}, ${o.department} ${o.departmentName ?? ''} — ${capacityOf(o, service.value)}`,
              })),
              several.checked ? { type: 'checkbox', hint: t('refer.pickSeveral') } : { type: 'radio', required: true },
            ),
      );
    } catch (error) {
      partners.append(errorBox(error));
    }
  };
  for (const control of [service, department, several, onlyFree]) control.addEventListener('change', () => void search());

  let idempotencyKey = newIdempotencyKey();
  const feedback = h('div', { class: 'feedback' });
  main.append(
    h('p', {}, t('refer.intro')),
    form(
      async (element) => {
        feedback.replaceChildren();
        const respondBy = fieldValue(element, 'respondBy');
        const chosen = checkedValues(element, 'to');
        if (several.checked) {
          if (chosen.length < 2 || chosen.length > 10) {
            feedback.append(h('p', { class: 'notice notice--error', role: 'alert' }, t('refer.pickSeveral')));
            return;
          }
          const request = {
            caseId,
            to: chosen,
            service: service.value,
            urgency: fieldValue(element, 'urgency'),
            sharedCategories: checkedValues(element, 'sharedCategories'),
            message: fieldValue(element, 'message'),
            respondBy: respondBy ? new Date(respondBy).toISOString() : null,
          };
          try {
            const written = await busy(element, () => post<{ placeRequestId: string }>('/v1/place-requests', request, idempotencyKey));
            idempotencyKey = newIdempotencyKey();
            go('placeRequest', { placeRequestId: written.placeRequestId, notice: 'sent' });
          } catch (error) {
            feedback.append(errorBox(error));
          }
          return;
        }
        const body = {
          caseId,
          to: chosen[0] ?? '',
          service: service.value,
          urgency: fieldValue(element, 'urgency'),
          sharedCategories: checkedValues(element, 'sharedCategories'),
          message: fieldValue(element, 'message'),
          respondBy: respondBy ? new Date(respondBy).toISOString() : null,
        };
        try {
          const written = await busy(element, () => post<Written>('/v1/referrals', body, idempotencyKey));
          idempotencyKey = newIdempotencyKey();
          go('inbox', { direction: 'sent', minPosition: written.position, justReferred: true });
        } catch (error) {
          feedback.append(errorBox(error));
        }
      },
      fieldset(
        t('refer.search'),
        field(t('referral.service'), service),
        field(t('identify.department'), department),
        checkbox(onlyFree, t('refer.onlyFree')),
        checkbox(several, t('refer.several'), t('refer.severalHint')),
      ),
      partners,
      field(
        t('referral.urgency'),
        select(
          'urgency',
          URGENCIES.map((u) => ({ value: u, label: label('urgency', u) })),
          { required: true, value: 'soon' },
        ),
      ),
      choices(
        t('refer.shared'),
        'sharedCategories',
        consent.categories.map((c) => ({ value: c, label: label('category', c) })),
        { checked: consent.categories },
      ),
      field(t('refer.message'), textarea('message', { maxlength: 4000 })),
      field(t('refer.respondBy'), input('respondBy', 'datetime-local')),
      feedback,
      h('div', { class: 'buttons' }, submit, toInbox),
    ),
  );
}

function capacityOf(organisation: Organisation, service: string): string {
  const declared = organisation.capacity.find((c) => c.service === service);
  return declared ? t('refer.capacity', { available: declared.available, total: declared.total }) : t('refer.noCapacity');
}

const freePlaces = (organisation: Organisation, service: string): number =>
  organisation.capacity.find((c) => c.service === service)?.available ?? 0;

/** A single checkbox with its label (and a hint) beside it. */
function checkbox(control: HTMLInputElement, text: string, hint?: string): HTMLElement {
  return h(
    'div',
    {},
    h('div', { class: 'choice' }, control, h('label', { for: control.id }, text)),
    hint ? h('p', { class: 'hint' }, hint) : null,
  );
}
