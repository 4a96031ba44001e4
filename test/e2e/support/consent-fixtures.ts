import { Client } from 'pg';
import { ageBandOf, auth, type Partner } from './fixtures';
import type { TestNetwork } from './test-network';

/** A woman with data in every consent category, so each test can see which category leaked. */
export const FATOU = {
  givenName: 'Fatou',
  familyName: 'Camara',
  birthDate: '1991-07-14',
  nationality: 'GN',
  phone: '+33611223344',
  email: 'fatou.c@example.org',
  languages: ['fr', 'sus'],
  health: { notes: 'Diabetic, needs insulin' },
  legal: { residenceStatus: 'asylum_seeker', notes: 'Appeal pending' },
  vulnerability: { notes: 'Threatened by her trafficker' },
  children: { count: 2, notes: 'Two boys, 3 and 6' },
};

/** What the receiver's `person` holds when exactly one category is open (plus `categories`). */
export const FIELDS_BY_CATEGORY: Record<string, Record<string, unknown>> = {
  identity: { givenName: FATOU.givenName, familyName: FATOU.familyName, birthDate: FATOU.birthDate, nationality: FATOU.nationality },
  contact: { phone: FATOU.phone, email: FATOU.email, languages: FATOU.languages },
  health: { health: FATOU.health },
  legal: { legal: FATOU.legal },
  vulnerability: { vulnerability: FATOU.vulnerability },
  children: { children: FATOU.children },
};

export const CATEGORIES = ['identity', 'contact', 'health', 'legal', 'vulnerability', 'children'] as const;

/** The person a viewer should get for these categories, exactly (nothing else may be there). */
export const personWith = (categories: readonly string[]) =>
  Object.assign({}, ...categories.map((c) => FIELDS_BY_CATEGORY[c]), { categories: [...categories] });

export interface KeyedPartner extends Partner {
  keyId: string;
}

/** Registers an organisation and issues it a key, keeping the key id (the access log names it). */
export async function onboardKeyed(
  network: TestNetwork,
  organisation: { id: string; kind: string; department: string; services: string[] },
  role = 'partner',
): Promise<KeyedPartner> {
  const admin = { Authorization: `Bearer ${network.adminKey}` };
  const registered = await network
    .http()
    .post('/v1/organisations')
    .set(admin)
    .send({ name: organisation.id.toUpperCase(), ...organisation });
  if (registered.status !== 201 && registered.status !== 409)
    throw new Error(`register ${organisation.id}: ${registered.status} ${registered.text}`);
  const issued = await network.http().post(`/v1/organisations/${organisation.id}/api-keys`).set(admin).send({ role });
  if (issued.status !== 201) throw new Error(`key for ${organisation.id}: ${issued.status} ${issued.text}`);
  return { id: organisation.id, key: issued.body.key as string, keyId: issued.body.keyId as string };
}

export function consent(
  recipients: string[],
  categories: readonly string[],
  purposes: string[] = ['referral'],
  extra: Record<string, unknown> = {},
) {
  return { recipients, categories: [...categories], purposes, expiresAt: null, method: 'written', language: 'fr', ...extra };
}

/** Identifies FATOU (or another person) with an optional first consent; throws unless 201. */
export async function identify(network: TestNetwork, holder: Partner, first: object | null, person: object = FATOU) {
  const response = await network
    .http()
    .post('/v1/cases')
    .set(auth(holder))
    .send({
      person,
      level: 'presumed',
      indicators: ['trafficking_sexual'],
      department: '93',
      ageBand: ageBandOf(person),
      safety: { doNotContact: false, safeChannel: 'phone' },
      ...(first ? { consent: first } : {}),
    });
  if (response.status !== 201) throw new Error(`identify: ${response.status} ${response.text}`);
  return response.body as { caseId: string; consentId: string | null; position: string };
}

export async function grant(network: TestNetwork, holder: Partner, caseId: string, body: object) {
  const response = await network.http().post(`/v1/cases/${caseId}/consents`).set(auth(holder)).send(body);
  if (response.status !== 201) throw new Error(`grant: ${response.status} ${response.text}`);
  return response.body as { consentId: string; position: string };
}

export async function refer(
  network: TestNetwork,
  holder: Partner,
  body: { caseId: string; to: string; service: string; sharedCategories: readonly string[]; message?: string },
) {
  const response = await network
    .http()
    .post('/v1/referrals')
    .set(auth(holder))
    .send({ urgency: 'soon', ...body, sharedCategories: [...body.sharedCategories] });
  if (response.status !== 201) throw new Error(`refer: ${response.status} ${response.text}`);
  return response.body as { referralId: string; position: string };
}

/** The inbox as of `position` at least (read-your-writes), so a test never races the projection. */
export async function inbox(network: TestNetwork, partner: Partner, direction: 'received' | 'sent', position: string) {
  const response = await network.http().get(`/v1/inbox?direction=${direction}&minPosition=${position}&limit=100`).set(auth(partner));
  if (response.status !== 200 || response.body.caughtUp !== true) throw new Error(`inbox: ${response.status} ${response.text}`);
  return response.body.items as Record<string, unknown>[];
}

export const itemFor = (items: Record<string, unknown>[], referralId: string) => items.find((item) => item.referralId === referralId);

export async function sql<Row = Record<string, unknown>>(network: TestNetwork, text: string, params: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: network.database.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Polls (never a timed assertion) until the wall clock is past `instant`. */
export async function waitUntilPast(instant: Date): Promise<void> {
  while (Date.now() <= instant.getTime())
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, instant.getTime() - Date.now() + 5)));
}
