import { newIdempotencyKey, post } from '../../api/client';
import type { Me, Referral } from '../../api/types';
import { label, t, type MessageKey } from '../../i18n/i18n';
import { fieldValue, h } from '../../ui/dom';
import { errorBox } from '../../ui/feedback';
import { busy, field, form, select, textarea } from '../../ui/forms';
import { CLOSURE_OUTCOMES, DECLINE_REASONS, WITHDRAWAL_REASONS } from '../../vocabulary';

interface Action {
  title: MessageKey;
  path: string;
  /** The field holding the reason or outcome, with its vocabulary; none for acceptance. */
  choice?: { name: 'reason' | 'outcome'; kind: string; values: readonly string[]; label: MessageKey };
}

/**
 * What this organisation may do now (docs/architecture.md#referral-state-machine): only the receiver accepts or declines,
 * only the sender withdraws, either party closes an accepted referral. The API checks it again.
 */
export function actionsFor(referral: Referral, me: Me): Action[] {
  const base = `/v1/referrals/${referral.referralId}`;
  const receiver = referral.to === me.organisationId;
  const sender = referral.from === me.organisationId;
  const actions: Action[] = [];
  if (referral.status === 'referred' && receiver) {
    actions.push({ title: 'action.accept', path: `${base}/acceptance` });
    actions.push({
      title: 'action.decline',
      path: `${base}/decline`,
      choice: { name: 'reason', kind: 'declineReason', values: DECLINE_REASONS, label: 'action.reason' },
    });
  }
  if (referral.status === 'referred' && sender) {
    actions.push({
      title: 'action.withdraw',
      path: `${base}/withdrawal`,
      choice: { name: 'reason', kind: 'withdrawalReason', values: WITHDRAWAL_REASONS, label: 'action.reason' },
    });
  }
  if (referral.status === 'accepted' && (receiver || sender)) {
    actions.push({
      title: 'action.close',
      path: `${base}/closure`,
      choice: { name: 'outcome', kind: 'outcome', values: CLOSURE_OUTCOMES, label: 'action.outcome' },
    });
  }
  return actions;
}

/** One small form per action, each with its own Idempotency-Key kept until it succeeds. */
export function actionForm(action: Action, done: () => void): HTMLElement {
  let idempotencyKey = newIdempotencyKey();
  const feedback = h('div', { class: 'feedback' });
  const choice = action.choice;
  return h(
    'section',
    { class: 'action' },
    h('h3', {}, t(action.title)),
    form(
      async (element) => {
        feedback.replaceChildren();
        const body: Record<string, string> = {};
        if (choice) body[choice.name] = fieldValue(element, choice.name) ?? '';
        const note = fieldValue(element, 'note');
        if (note) body.note = note;
        try {
          await busy(element, () => post(action.path, body, idempotencyKey));
          idempotencyKey = newIdempotencyKey();
          done();
        } catch (error) {
          feedback.append(errorBox(error));
        }
      },
      choice
        ? field(
            t(choice.label),
            select(
              choice.name,
              choice.values.map((v) => ({ value: v, label: label(choice.kind, v) })),
              { required: true, empty: t('app.choose') },
            ),
          )
        : null,
      field(t('action.note'), textarea('note', { maxlength: 4000 })),
      h('button', { type: 'submit', class: action.title === 'action.accept' ? 'button' : 'button button--secondary' }, t(action.title)),
    ),
    feedback,
  );
}
