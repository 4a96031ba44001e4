import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, get, post } from '../api/client';
import { t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { errorBox } from '../ui/feedback';
import { busy, field, form, input } from '../ui/forms';

interface SignInOptions {
  notice: string | null;
  /** The session cookie is set: pick it up and go on. */
  signedIn: () => void;
}

interface Ways {
  oidc: boolean;
}

/**
 * Three ways in, strongest first: the organisation's identity provider (when configured), a
 * passkey, and for a device that cannot hold one, password and code together. The page never sees
 * a secret of the session: the server sets an HttpOnly cookie.
 */
export async function renderSignIn(main: HTMLElement, options: SignInOptions): Promise<void> {
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const heading = h('h1', { tabindex: -1 }, t('view.signIn'));
  const fail = (error: unknown) => {
    feedback.replaceChildren(
      error instanceof ApiError && (error.status === 401 || error.status === 429)
        ? h('p', { class: 'notice notice--error', role: 'alert' }, error.status === 429 ? error.message : t('signIn.refused'))
        : errorBox(error),
    );
  };
  const ways = await get<Ways>('/auth/options').catch(() => ({ oidc: false }));
  const email = input('email', 'email', { required: true, autocomplete: 'username', spellcheck: 'false', autocapitalize: 'off' });
  const password = input('password', 'password', { required: true, autocomplete: 'current-password' });
  const code = input('code', 'text', {
    required: true,
    inputmode: 'numeric',
    pattern: '[0-9]{6}',
    autocomplete: 'one-time-code',
    maxlength: '6',
  });
  main.append(
    heading,
    h(
      'div',
      { class: 'view view--narrow' },
      options.notice ? h('p', { class: 'notice notice--error', role: 'alert' }, options.notice) : null,
      ways.oidc
        ? h(
            'p',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'button',
                onclick: () => {
                  window.location.assign('/auth/oidc/login?returnTo=%2Fconsole%2F');
                },
              },
              t('signIn.oidc'),
            ),
          )
        : null,
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
              signInWithPasskey().then(options.signedIn, fail);
            },
          },
          t('signIn.passkey'),
        ),
      ),
      h('h2', {}, t('signIn.fallback')),
      h('p', { class: 'hint' }, t('signIn.fallbackHint')),
      form(
        async (element) => {
          feedback.replaceChildren();
          try {
            await busy(element, () =>
              post('/auth/password/sign-in', { email: email.value.trim(), password: password.value, code: code.value.trim() }),
            );
            options.signedIn();
          } catch (error) {
            password.value = '';
            code.value = '';
            fail(error);
          }
        },
        field(t('signIn.email'), email),
        field(t('signIn.password'), password),
        field(t('signIn.code'), code, t('signIn.codeHint')),
        h('button', { type: 'submit', class: 'button button--ghost' }, t('signIn.submit')),
      ),
      feedback,
    ),
  );
  heading.focus();
}

async function signInWithPasskey(): Promise<void> {
  const { challengeId, options } = await post<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>(
    '/auth/passkey/options',
    {},
  );
  const credential = await startAuthentication({ optionsJSON: options });
  await post('/auth/passkey/sign-in', { challengeId, credential });
}
