import { ApiError } from '../api/client';
import type { Me } from '../api/types';
import { t } from '../i18n/i18n';
import { signIn } from '../session';
import { h } from '../ui/dom';
import { errorBox } from '../ui/feedback';
import { busy, field, form, input } from '../ui/forms';

interface SignInOptions {
  notice: string | null;
  onExpired: () => void;
  signedIn: (me: Me) => void;
}

/** The key is typed into a password field that the browser is asked not to remember. */
export function renderSignIn(main: HTMLElement, options: SignInOptions): void {
  const key = input('key', 'password', { required: true, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off' });
  const feedback = h('div', { class: 'feedback' });
  const heading = h('h1', { tabindex: -1 }, t('view.signIn'));
  main.append(
    heading,
    h(
      'div',
      { class: 'view view--narrow' },
      h('p', {}, t('signIn.intro')),
      options.notice ? h('p', { class: 'notice notice--error', role: 'alert' }, options.notice) : null,
      form(
        async (element) => {
          feedback.replaceChildren();
          try {
            const active = await busy(element, () => signIn(key.value.trim(), options.onExpired));
            options.signedIn(active.me);
          } catch (error) {
            key.value = '';
            feedback.append(
              error instanceof ApiError && error.status === 401
                ? h('p', { class: 'notice notice--error', role: 'alert' }, t('signIn.refused'))
                : errorBox(error),
            );
            key.focus();
          }
        },
        field(t('signIn.key'), key),
        h('button', { type: 'submit', class: 'button' }, t('signIn.submit')),
      ),
      feedback,
    ),
  );
  key.focus();
}
