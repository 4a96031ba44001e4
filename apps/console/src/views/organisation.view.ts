import { del, get, newIdempotencyKey, post, put } from '../api/client';
import { formatDate, t, type MessageKey } from '../i18n/i18n';
import type { ViewContext } from '../routes';
import { h } from '../ui/dom';
import { errorBox, loading, success } from '../ui/feedback';
import { busy, field, form, input, select } from '../ui/forms';
import { dataTable } from '../ui/table';

interface Member {
  personId: string;
  email: string;
  role: string;
  status: 'invited' | 'active';
  invitedAt: string;
  invitationExpiresAt: string | null;
}

interface MachineKey {
  id: string;
  label: string;
  role: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const roleName = (role: string) => t(`role.${role}` as MessageKey);

/**
 * An org_admin's page: her organisation's people (invite, change a role, remove) and its machine
 * keys (issue, revoke). An invitation link and a new key are shown once, here, and nowhere else.
 */
export async function renderOrganisation(context: ViewContext): Promise<void> {
  const { main, me } = context;
  const base = `/v1/organisations/${encodeURIComponent(me.organisationId)}`;
  const network = me.organisationId === 'passerelle';
  const roles = network ? ['network_admin', 'coordinator', 'researcher'] : ['caseworker', 'org_admin'];
  main.append(loading());
  const reload = () => {
    main.replaceChildren();
    void renderOrganisation(context);
  };
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const act = (work: () => Promise<unknown>) => () => {
    feedback.replaceChildren();
    work().then(reload, (error: unknown) => feedback.replaceChildren(errorBox(error)));
  };
  try {
    const [{ items: members }, { items: keys }] = await Promise.all([
      get<{ items: Member[] }>(`${base}/members`),
      get<{ items: MachineKey[] }>(`${base}/api-keys`),
    ]);
    const email = input('email', 'email', { required: true, autocomplete: 'off' });
    const role = select(
      'role',
      roles.map((value) => ({ value, label: roleName(value) })),
      { value: roles[0] ?? '' },
    );
    const shown = h('div', { 'aria-live': 'polite' });
    const keyLabel = input('label', 'text', { required: true, maxlength: '100' });
    const emailOf = (ref: string | null) => members.find((m) => ref === `person:${m.personId}`)?.email ?? ref ?? t('app.none');
    main.replaceChildren(
      feedback,
      h('h2', {}, t('organisation.members')),
      dataTable(
        t('organisation.members'),
        [
          { label: t('organisation.email'), cell: (m) => m.email, csv: (m) => m.email },
          {
            label: t('organisation.role'),
            cell: (m) => {
              const choice = select(
                'role',
                roles.map((value) => ({ value, label: roleName(value) })),
                { value: m.role },
              );
              choice.setAttribute('aria-label', t('organisation.roleOf', { email: m.email }));
              choice.addEventListener(
                'change',
                act(() => put(`${base}/members/${m.personId}/role`, { role: choice.value })),
              );
              return choice;
            },
            csv: (m) => m.role,
          },
          { label: t('organisation.status'), cell: (m) => t(`organisation.status.${m.status}`), csv: (m) => m.status },
          {
            label: t('organisation.actions'),
            cell: (m) =>
              m.personId === me.personId
                ? null
                : h(
                    'button',
                    { type: 'button', class: 'button button--ghost', onclick: act(() => del(`${base}/members/${m.personId}`)) },
                    t('organisation.remove', { email: m.email }),
                  ),
            csv: () => null,
          },
        ],
        members,
        'members',
      ),
      h('h3', {}, t('organisation.invite')),
      form(
        async (element) => {
          feedback.replaceChildren();
          try {
            const invited = await busy(element, () =>
              post<{ invitationUrl: string }>(`${base}/members`, { email: email.value.trim(), role: role.value }, newIdempotencyKey()),
            );
            email.value = '';
            shown.replaceChildren(success(t('organisation.invited')), h('p', {}, h('code', { class: 'secret' }, invited.invitationUrl)));
          } catch (error) {
            feedback.replaceChildren(errorBox(error));
          }
        },
        field(t('organisation.email'), email),
        field(t('organisation.role'), role),
        h('button', { type: 'submit', class: 'button' }, t('organisation.inviteSubmit')),
      ),
      shown,
      h('h2', {}, t('organisation.keys')),
      dataTable(
        t('organisation.keys'),
        [
          { label: t('organisation.keyLabel'), cell: (k) => k.label, csv: (k) => k.label },
          { label: t('organisation.role'), cell: (k) => roleName(k.role), csv: (k) => k.role },
          { label: t('organisation.createdBy'), cell: (k) => emailOf(k.createdBy), csv: (k) => k.createdBy },
          { label: t('organisation.lastUsed'), cell: (k) => formatDate(k.lastUsedAt), csv: (k) => k.lastUsedAt },
          { label: t('organisation.expires'), cell: (k) => formatDate(k.expiresAt), csv: (k) => k.expiresAt },
          {
            label: t('organisation.actions'),
            cell: (k) =>
              k.revokedAt
                ? t('organisation.revokedAt', { date: formatDate(k.revokedAt) })
                : h(
                    'button',
                    { type: 'button', class: 'button button--ghost', onclick: act(() => del(`${base}/api-keys/${k.id}`)) },
                    t('organisation.revoke', { label: k.label || k.id }),
                  ),
            csv: (k) => k.revokedAt,
          },
        ],
        keys,
        'keys',
      ),
      h('h3', {}, t('organisation.issue')),
      form(
        async (element) => {
          feedback.replaceChildren();
          try {
            const issued = await busy(element, () =>
              post<{ key: string }>(
                `${base}/api-keys`,
                { role: network ? 'coordinator' : 'partner', label: keyLabel.value.trim() },
                newIdempotencyKey(),
              ),
            );
            keyLabel.value = '';
            shown.replaceChildren(success(t('organisation.issued')), h('p', {}, h('code', { class: 'secret' }, issued.key)));
          } catch (error) {
            feedback.replaceChildren(errorBox(error));
          }
        },
        field(t('organisation.keyLabel'), keyLabel),
        h('button', { type: 'submit', class: 'button' }, t('organisation.issueSubmit')),
      ),
    );
  } catch (error) {
    main.replaceChildren(errorBox(error));
  }
}
