import { destroyCharts } from './ui/chart';
import { h, replaceChildren } from './ui/dom';
import { errorBox } from './ui/feedback';
import { language, setLanguage, t } from './i18n/i18n';
import { allowed, home, navigation, ROUTES, type Params, type ViewName } from './routes';
import { organisationName, restore, session, signOut } from './session';
import { renderSignIn } from './views/sign-in.view';

let current: { view: ViewName; params: Params } | null = null;
let notice: string | null = null;

export async function start(root: HTMLElement): Promise<void> {
  setLanguage(language());
  const restored = await restore(expired(root));
  if (restored) go(root, home(restored.me.role));
  else showSignIn(root);
}

const expired = (root: HTMLElement) => () => {
  notice = t('signIn.expired');
  showSignIn(root);
};

function showSignIn(root: HTMLElement): void {
  destroyCharts();
  current = null;
  document.title = `${t('view.signIn')} — Passerelle`;
  const main = mainRegion();
  replaceChildren(root, header(root), main);
  renderSignIn(main, {
    notice,
    onExpired: expired(root),
    signedIn: (me) => {
      notice = null;
      go(root, home(me.role));
    },
  });
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
                  signOut();
                  showSignIn(root);
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
