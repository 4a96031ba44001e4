import type { InboxItem, Person } from '../../api/types';
import { label, t } from '../../i18n/i18n';
import { h, type Child } from '../../ui/dom';

/** Her name as the viewer may see it, or why it is not shown: only consented fields ever arrive. */
export function personLine(item: Pick<InboxItem, 'person' | 'erased'>): string {
  if (item.erased) return t('inbox.erased');
  const name = [item.person?.givenName, item.person?.familyName].filter((part) => typeof part === 'string').join(' ');
  return name || t('inbox.personHidden');
}

const FLAT_FIELDS = ['givenName', 'familyName', 'birthDate', 'nationality', 'languages', 'phone', 'email'] as const;
const NESTED = ['health', 'legal', 'vulnerability', 'children'] as const;

/** A field as the API sends it (text, a number, a list such as languages) in words. */
function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Every field the API returned for her, grouped as consent groups them; nothing else exists here. */
export function personDetails(person: Person | null, categories: string[]): Child {
  if (!person) return h('p', { class: 'empty' }, t('referral.noPerson'));
  const rows: [string, string][] = [];
  for (const name of FLAT_FIELDS) {
    const value = person[name];
    if (value !== undefined) rows.push([t(`person.${name}`), fieldText(value)]);
  }
  for (const category of NESTED) {
    const group = person[category];
    if (group === undefined) continue;
    for (const [name, value] of Object.entries(group as Record<string, unknown>)) {
      const fieldLabel = name === 'notes' || name === 'residenceStatus' || name === 'count' ? t(`person.${name}`) : name;
      rows.push([`${label('category', category)} — ${fieldLabel}`, String(value)]);
    }
  }
  return h(
    'div',
    {},
    h('p', { class: 'hint' }, `${t('referral.categories')} : ${categories.map((c) => label('category', c)).join(', ') || t('app.none')}`),
    h('dl', { class: 'facts' }, ...rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
  );
}
