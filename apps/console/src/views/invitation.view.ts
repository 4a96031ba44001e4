import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { post } from '../api/client';
import { t, type MessageKey } from '../i18n/i18n';
import { append, h } from '../ui/dom';
import { errorBox } from '../ui/feedback';
import { busy, field, form, input } from '../ui/forms';

interface Started {
  email: string;
  role: string;
  organisationId: string;
  passkey: { challengeId: string; options: PublicKeyCredentialCreationOptionsJSON };
  totp: { challengeId: string; secret: string; uri: string };
}

/**
 * Accepting an invitation: the link's secret (taken out of the address bar before anything else)
 * binds her first credential — a passkey, her identity provider's account, or a password with an
 * authenticator app's code. Then she is signed in.
 */
export async function renderInvitation(main: HTMLElement, token: string, signedIn: () => void, oidc: boolean): Promise<void> {
  const heading = h('h1', { tabindex: -1 }, t('view.invitation'));
  const body = h('div', { class: 'view view--narrow' });
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  main.append(heading, body);
  heading.focus();
  let started: Started;
  try {
    started = await post<Started>('/auth/invitations/start', { token });
  } catch (error) {
    body.append(errorBox(error));
    return;
  }
  const fail = (error: unknown) => feedback.replaceChildren(errorBox(error));
  const password = input('new-password', 'password', { required: true, autocomplete: 'new-password', minlength: '12' });
  const code = input('code', 'text', {
    required: true,
    inputmode: 'numeric',
    pattern: '[0-9]{6}',
    autocomplete: 'one-time-code',
    maxlength: '6',
  });
  append(
    body,
    h(
      'p',
      {},
      t('invitation.for', { email: started.email, role: t(`role.${started.role}` as MessageKey), organisation: started.organisationId }),
    ),
    h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: () => {
            feedback.replaceChildren();
            startRegistration({ optionsJSON: started.passkey.options })
              .then((credential) =>
                post('/auth/invitations/accept', { token, method: 'passkey', challengeId: started.passkey.challengeId, credential }),
              )
              .then(signedIn, fail);
          },
        },
        t('invitation.passkey'),
      ),
    ),
    oidc
      ? h(
          'p',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'button button--ghost',
              onclick: () => {
                post<{ loginUrl: string }>('/auth/invitations/oidc', { token }).then(({ loginUrl }) => {
                  window.location.assign(loginUrl);
                }, fail);
              },
            },
            t('invitation.oidc'),
          ),
        )
      : null,
    h('h2', {}, t('invitation.fallback')),
    h('p', { class: 'hint' }, t('invitation.fallbackHint')),
    h('p', {}, t('invitation.secret'), ' ', h('code', { class: 'secret' }, started.totp.secret)),
    form(
      async (element) => {
        feedback.replaceChildren();
        try {
          await busy(element, () =>
            post('/auth/invitations/accept', {
              token,
              method: 'password_totp',
              challengeId: started.totp.challengeId,
              password: password.value,
              code: code.value.trim(),
            }),
          );
          signedIn();
        } catch (error) {
          code.value = '';
          fail(error);
        }
      },
      field(t('invitation.password'), password, t('invitation.passwordHint')),
      field(t('signIn.code'), code, t('signIn.codeHint')),
      h('button', { type: 'submit', class: 'button button--ghost' }, t('invitation.accept')),
    ),
    feedback,
  );
}
