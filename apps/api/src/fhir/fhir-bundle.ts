import type { Bundle, FhirResource } from 'fhir/r4';

/**
 * A searchset Bundle: each entry with its fullUrl, `self` as asked, and `next` when there is a
 * further page (the same search with `_cursor`), which FHIR clients follow as they are.
 */
export function searchset<R extends FhirResource>(base: string, self: URL, resources: R[], nextCursor?: string | null): Bundle<R> {
  const link: Bundle['link'] = [{ relation: 'self', url: self.toString() }];
  if (nextCursor) {
    const next = new URL(self.toString());
    next.searchParams.set('_cursor', nextCursor);
    link.push({ relation: 'next', url: next.toString() });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link,
    entry: resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
