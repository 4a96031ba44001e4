import { get } from '../../api/client';
import type { InboxItem, InboxPage } from '../../api/types';
import { formatDate, label, t } from '../../i18n/i18n';
import type { ViewContext } from '../../routes';
import { organisationName } from '../../session';
import { append, h } from '../../ui/dom';
import { emptyState, errorBox, loading, success } from '../../ui/feedback';
import { field, select } from '../../ui/forms';
import { countdown } from '../../ui/countdown';
import { personLine } from './person-summary';

const STATUSES = ['referred', 'accepted', 'declined', 'withdrawn', 'closed'];
const URGENCY_RANK: Record<string, number> = { urgent: 0, soon: 1, routine: 2 };

/** Overdue first, then the most urgent; the API's newest-first order is kept within each group. */
export function byUrgency(items: InboxItem[]): InboxItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        Number(b.item.overdue) - Number(a.item.overdue) ||
        (URGENCY_RANK[a.item.urgency] ?? 3) - (URGENCY_RANK[b.item.urgency] ?? 3) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}

/** A partner's referrals, received or sent, filtered by status (GET /v1/inbox). */
export function renderInbox({ main, params, go }: ViewContext): void {
  let direction = params.direction === 'sent' ? 'sent' : 'received';
  let status = '';
  const list = h('div', { class: 'inbox' });
  const tab = (value: 'received' | 'sent') =>
    h(
      'button',
      {
        type: 'button',
        class: 'tab',
        'aria-pressed': String(direction === value),
        onclick: (event) => {
          direction = value;
          for (const other of tabs.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === event.currentTarget));
          void load();
        },
      },
      t(`inbox.${value}`),
    );
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': t('inbox.direction') }, tab('received'), tab('sent'));
  const statusFilter = select(
    'status',
    STATUSES.map((s) => ({ value: s, label: label('status', s) })),
    { empty: t('app.all') },
  );
  statusFilter.addEventListener('change', () => {
    status = statusFilter.value;
    void load();
  });

  let items: InboxItem[] = [];
  const load = async (cursor?: string) => {
    if (!cursor) {
      items = [];
      list.replaceChildren(loading());
    }
    try {
      // minPosition: right after a referral was sent, wait for the inbox to include it (read-your-writes).
      const minPosition = typeof params.minPosition === 'string' ? params.minPosition : undefined;
      const page = await get<InboxPage>('/v1/inbox', { direction, status: status || undefined, cursor, limit: 50, minPosition });
      items = [...items, ...page.items];
      show(page.nextCursor);
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  };
  const show = (nextCursor: string | null) => {
    list.replaceChildren(
      items.length === 0
        ? emptyState(t('inbox.empty'))
        : h(
            'ul',
            { class: 'cards' },
            ...byUrgency(items).map((item) =>
              card(item, direction, {
                open: () => go('referral', { referralId: item.referralId, direction }),
                openRequest: () => go('placeRequest', { placeRequestId: item.placeRequestId }),
              }),
            ),
          ),
    );
    if (nextCursor)
      list.append(
        h('button', { type: 'button', class: 'button button--secondary', onclick: () => void load(nextCursor) }, t('inbox.more')),
      );
  };

  append(
    main,
    params.justReferred ? success(t('refer.done')) : null,
    h('div', { class: 'toolbar' }, tabs, field(t('inbox.status'), statusFilter)),
    list,
  );
  void load();
}

function card(item: InboxItem, direction: string, { open, openRequest }: { open: () => void; openRequest: () => void }): HTMLElement {
  const waiting = item.status === 'referred';
  const other =
    direction === 'received'
      ? t('inbox.fromOrg', { organisation: organisationName(item.from) })
      : t('inbox.toOrg', { organisation: organisationName(item.to) });
  return h(
    'li',
    { class: `card${item.overdue ? ' card--overdue' : ''}` },
    h(
      'div',
      { class: 'card__badges' },
      h('span', { class: `badge badge--${item.urgency}` }, label('urgency', item.urgency)),
      h('span', { class: `badge badge--status` }, label('status', item.status)),
      item.overdue ? h('span', { class: 'badge badge--overdue' }, t('inbox.overdue')) : null,
      item.placeRequestId ? h('span', { class: 'badge badge--place-request' }, t('placeRequest.badge')) : null,
      item.placeRequest ? h('span', { class: 'badge badge--status' }, label('placeRequestStatus', item.placeRequest.status)) : null,
    ),
    h('h2', { class: 'card__title' }, label('service', item.service)),
    h('p', {}, other),
    h('p', { class: 'card__person' }, personLine(item)),
    item.respondBy && waiting ? h('p', { class: 'hint' }, t('inbox.respondBy', { date: formatDate(item.respondBy) })) : null,
    // A shelter learns how many others were asked, never who.
    direction === 'received' && item.otherRecipients ? h('p', {}, t('placeRequest.others', { count: item.otherRecipients })) : null,
    direction === 'received' && item.placeRequestId && item.respondBy && waiting ? countdown(item.respondBy) : null,
    item.withdrawalReason ? h('p', { class: 'hint' }, label('withdrawalReason', item.withdrawalReason)) : null,
    item.placeRequest?.placedBy
      ? h('p', {}, t('placeRequest.acceptedBy', { organisation: organisationName(item.placeRequest.placedBy) }))
      : null,
    h(
      'button',
      {
        type: 'button',
        class: 'button button--secondary',
        'aria-label': `${t('inbox.open')} — ${label('service', item.service)}, ${other}`,
        onclick: open,
      },
      t('inbox.open'),
    ),
    direction === 'sent' && item.placeRequestId
      ? h('button', { type: 'button', class: 'button button--secondary', onclick: openRequest }, t('placeRequest.open'))
      : null,
  );
}
