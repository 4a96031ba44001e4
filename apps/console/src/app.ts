import { destroyCharts } from './ui/chart';
import { h, replaceChildren } from './ui/dom';
import { errorBox } from './ui/feedback';
import { language, setLanguage, t } from './i18n/i18n';
import { allowed, home, navigation, ROUTES, type Params, type ViewName } from './routes';
import { organisationName, restore, session, signOut } from './session';
import { get } from './api/client';
import { renderInvitation } from './views/invitation.view';
import { renderSignIn } from './views/sign-in.view';

let current: { view: ViewName; params: Params } | null = null;
let notice: string | null = null;

export async function start(root: HTMLElement): Promise<void> {
  setLanguage(language());
  // The fragment may carry an invitation's secret or a sign-in error: read it, then take it out of
  // the address bar and the history at once.
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  if (window.location.hash) history.replaceState(null, '', window.location.pathname);
  const invitation = fragment.get('invitation');
  if (invitation) {
    showInvitation(root, invitation);
    return;
  }
  const error = fragment.get('signin-error');
  if (error) notice = t(error === 'no-account' ? 'signIn.noAccount' : 'signIn.oidcFailed');
  await enter(root);
}

/** Picks up the session the server holds (after any way of signing in), or shows the sign-in page. */
async function enter(root: HTMLElement): Promise<void> {
  const restored = await restore(expired(root)).catch(() => null);
  if (restored) {
    notice = null;
    go(root, home(restored.me.role));
  } else showSignIn(root);
}

/** A session that ends while she works (idle, signed out elsewhere, removed): back to sign in, with the reason. */
const expired = (root: HTMLElement) => () => {
  notice = t('signIn.expired');
  showSignIn(root);
};

function showInvitation(root: HTMLElement, token: string): void {
  document.title = `${t('view.invitation')} — Passerelle`;
  const main = mainRegion();
  replaceChildren(root, header(root), main);
  get<{ oidc: boolean }>('/auth/options')
    .catch(() => ({ oidc: false }))
    .then((ways) => renderInvitation(main, token, () => void enter(root), ways.oidc))
    .catch(() => undefined);
}

function showSignIn(root: HTMLElement): void {
  destroyCharts();
  current = null;
  document.title = `${t('view.signIn')} — Passerelle`;
  const main = mainRegion();
  replaceChildren(root, header(root), main);
  void renderSignIn(main, { notice, signedIn: () => void enter(root) });
}

/**
 * In-memory navigation: the view and its parameters are held here, never pushed to the URL or the
 * history, so a referral id or a person's name can never be bookmarked, shared or left in history.
 */
export function go(root: HTMLElement, view: ViewName, params: Params = {}): void {
  const active = session();
  if (!active) {
    showSignIn(root);
    return;
  }
  destroyCharts();
  current = { view, params };
  const route = ROUTES[view];
  // The title names the view only: never a person, a case or a referral.
  document.title = `${t(route.title)} — Passerelle`;
  const heading = h('h1', { tabindex: -1 }, t(route.title));
  const content = h('div', { class: 'view' });
  const main = mainRegion(heading, content);
  replaceChildren(root, header(root), main);
  heading.focus();
  if (!allowed(view, active.me.role)) {
    content.append(h('p', { class: 'notice notice--error', role: 'alert' }, t('app.forbidden')));
    return;
  }
  Promise.resolve(route.render({ main: content, me: active.me, params, go: (next, nextParams) => go(root, next, nextParams) })).catch(
    (error: unknown) => content.append(errorBox(error)),
  );
}

function header(root: HTMLElement): HTMLElement {
  const active = session();
  const switchLanguage = () => {
    setLanguage(language() === 'fr' ? 'en' : 'fr');
    if (current) go(root, current.view, current.params);
    else showSignIn(root);
  };
  const otherLanguage = language() === 'fr' ? 'en' : 'fr';
  return h(
    'header',
    { class: 'top' },
    // Moves focus without following the link: even a hash stays out of the URL and the history.
    h(
      'a',
      {
        class: 'skip',
        href: '#main',
        onclick: (event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        },
      },
      t('app.skip'),
    ),
    h(
      'div',
      { class: 'top__bar' },
      h('p', { class: 'brand' }, t('app.name')),
      active
        ? h(
            'p',
            { class: 'who' },
            t('app.signedInAs', { organisation: organisationName(active.me.organisationId), role: t(`role.${active.me.role}`) }),
          )
        : null,
      h(
        'div',
        { class: 'top__actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button button--ghost',
            lang: otherLanguage,
            'aria-label': t('app.switchLanguageLabel'),
            onclick: switchLanguage,
          },
          t('app.switchLanguage'),
        ),
        active
          ? h(
              'button',
              {
                type: 'button',
                class: 'button button--ghost',
                onclick: () => {
                  notice = null;
                  void signOut().finally(() => {
                    showSignIn(root);
                  });
                },
              },
              t('app.signOut'),
            )
          : null,
      ),
    ),
    active
      ? h(
          'nav',
          { 'aria-label': t('app.nav') },
          h(
            'ul',
            {},
            ...navigation(active.me.role).map((view) =>
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'nav__link',
                    'aria-current': current?.view === view ? 'page' : null,
                    onclick: () => go(root, view),
                  },
                  t(ROUTES[view].title),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}

const mainRegion = (...children: HTMLElement[]): HTMLElement => h('main', { id: 'main', tabindex: -1 }, ...children);
