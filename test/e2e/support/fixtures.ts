import { ageBandOn } from '@passerelle/domain';
import type { TestNetwork } from './test-network';

export const AWA = {
  givenName: 'Awa',
  familyName: 'Diallo',
  birthDate: '1994-03-02',
  nationality: 'CI',
  languages: ['fr', 'dyu'],
  phone: '+33600000000',
};

export interface Partner {
  id: string;
  key: string;
}

/** Registers an organisation and issues it a partner key, as an administrator would. */
export async function onboard(
  network: TestNetwork,
  organisation: {
    id: string;
    kind: string;
    department: string;
    services: string[];
    name?: string;
    contact?: { phone: string | null; email: string | null };
  },
  role = 'partner',
): Promise<Partner> {
  const admin = `Bearer ${network.adminKey}`;
  const registered = await network
    .http()
    .post('/v1/organisations')
    .set('Authorization', admin)
    .send({ name: organisation.id.toUpperCase(), ...organisation });
  if (registered.status !== 201 && registered.status !== 409)
    throw new Error(`register ${organisation.id}: ${registered.status} ${registered.text}`);
  const issued = await network.http().post(`/v1/organisations/${organisation.id}/api-keys`).set('Authorization', admin).send({ role });
  if (issued.status !== 201) throw new Error(`key for ${organisation.id}: ${issued.status} ${issued.text}`);
  return { id: organisation.id, key: issued.body.key as string };
}

export const auth = (partner: Partner | string) => ({ Authorization: `Bearer ${typeof partner === 'string' ? partner : partner.key}` });

/**
 * The age band her birth date gives today, as the API checks it (CASE.AGE_BAND_MISMATCH): a fixed
 * band would stop agreeing with a fixed birth date on her next birthday.
 */
export const ageBandOf = (person: unknown): string => {
  const birthDate = (person as { birthDate?: unknown } | undefined)?.birthDate;
  return (typeof birthDate === 'string' ? ageBandOn(birthDate, new Date()) : null) ?? 'unknown';
};

export function identifyBody(consentRecipients: string[], overrides: Record<string, unknown> = {}) {
  return {
    person: AWA,
    level: 'presumed',
    indicators: ['trafficking_sexual'],
    department: '93',
    ageBand: ageBandOf(overrides.person ?? AWA),
    safety: { doNotContact: false, safeChannel: 'phone' },
    consent: {
      recipients: consentRecipients,
      categories: ['identity', 'contact', 'vulnerability'],
      purposes: ['referral', 'coordination'],
      expiresAt: null,
      method: 'verbal',
      language: 'fr',
    },
    ...overrides,
  };
}

export async function eventCount(network: TestNetwork): Promise<number> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: network.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM es_events');
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

export async function dumpEvents(network: TestNetwork): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: network.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ dump: string }>(
      "SELECT coalesce(string_agg(data::text || metadata::text, '\n'), '') AS dump FROM es_events",
    );
    return rows[0]?.dump ?? '';
  } finally {
    await client.end();
  }
}
