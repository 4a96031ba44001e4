import type { ConsentCategory } from '@passerelle/domain';
import type { PersonInput } from './person';

/** Which personal field belongs to which consent category: consent opens a category, never a single field. */
export function personByCategory(person: PersonInput): Partial<Record<ConsentCategory, Record<string, unknown>>> {
  const pick = (entries: Record<string, unknown>) => {
    const present = Object.entries(entries).filter(([, v]) => v !== undefined);
    return present.length ? Object.fromEntries(present) : undefined;
  };
  const byCategory: Partial<Record<ConsentCategory, Record<string, unknown>>> = {};
  const put = (category: ConsentCategory, fields: Record<string, unknown> | undefined) => {
    if (fields) byCategory[category] = fields;
  };
  put(
    'identity',
    pick({ givenName: person.givenName, familyName: person.familyName, birthDate: person.birthDate, nationality: person.nationality }),
  );
  put('contact', pick({ phone: person.phone, email: person.email, languages: person.languages }));
  put('health', pick({ ...person.health }));
  put('legal', pick({ ...person.legal }));
  put('vulnerability', pick({ ...person.vulnerability }));
  put('children', pick({ ...person.children }));
  return byCategory;
}

/** The person as one viewer may see her: the opened categories merged, plus which categories they were. */
export function personView(opened: Partial<Record<ConsentCategory, Record<string, unknown> | null>>): Record<string, unknown> {
  const categories = (Object.keys(opened) as ConsentCategory[]).filter((c) => opened[c]);
  const flat = { ...opened.identity, ...opened.contact };
  const nested = Object.fromEntries(
    (['health', 'legal', 'vulnerability', 'children'] as const).filter((c) => opened[c]).map((c) => [c, opened[c]]),
  );
  return { ...flat, ...nested, categories };
}
