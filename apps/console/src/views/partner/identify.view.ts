import { get, newIdempotencyKey, post } from '../../api/client';
import type { Organisation } from '../../api/types';
import { t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { h } from '../../ui/dom';
import { errorBox, loading } from '../../ui/feedback';
import { busy, form } from '../../ui/forms';
import { consentFields, identificationFields, identifyBody, personFields } from './identify-form';

/** Identify a person with her consent (POST /v1/cases), then go on to refer her. */
export async function renderIdentify({ main, me, go }: ViewContext): Promise<void> {
  main.append(loading());
  const { items: directory } = await get<{ items: Organisation[] }>('/v1/organisations');
  let idempotencyKey = newIdempotencyKey();
  const feedback = h('div', { class: 'feedback' });
  main.replaceChildren(
    form(
      async (element) => {
        feedback.replaceChildren();
        const { body, consent } = identifyBody(element);
        try {
          const created = await busy(element, () => post<{ caseId: string; position: string }>('/v1/cases', body, idempotencyKey));
          idempotencyKey = newIdempotencyKey();
          go('refer', { caseId: created.caseId, consent, justIdentified: true });
        } catch (error) {
          feedback.append(errorBox(error));
          feedback.querySelector<HTMLElement>('[role=alert]')?.focus();
        }
      },
      personFields(),
      identificationFields(me),
      consentFields(directory, me),
      feedback,
      h('button', { type: 'submit', class: 'button' }, t('identify.submit')),
    ),
  );
}
