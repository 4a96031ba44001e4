import { CookieSessionAuthenticator, type SessionRequest, type SignedIn } from '@passerelle/auth';
import type { OrganisationKind } from '@passerelle/domain';
import type { Request } from 'express';
import { admin, REFUGE } from '../../testing/use-case.fixtures';
import { signInTables, type SignInTables } from '../testing/sign-in-tables.fixture';
import { GetSessionHandler } from './get-session.handler';
import { GetSessionQuery } from './get-session.query';

describe('get session', () => {
  let tables: SignInTables;
  const handler = () => new GetSessionHandler(tables.people);
  /** What the guard makes of her next request, which carries her cookie: who is asking (with her organisation's kind), and her session. */
  const queryOf = async (signedIn: SignedIn, organisationKind: OrganisationKind | null) => {
    const request = { method: 'GET', headers: { cookie: signedIn.setCookie.split(';')[0] } } as Request & SessionRequest;
    const actor = await new CookieSessionAuthenticator(tables.sessions, tables.cookie).authenticate(request);
    if (!actor) throw new Error('her cookie names no session');
    return new GetSessionQuery({ ...actor, organisationKind }, request.session);
  };

  beforeAll(async () => {
    tables = await signInTables('get_session');
  });
  afterAll(() => tables.close());

  it('shows who is signed in: her e-mail, role and organisation, and her session’s CSRF token and end', async () => {
    const { personId, email } = await tables.aMember('caseworker');
    const signedIn = await tables.opener.open(personId);
    expect(await handler().execute(await queryOf(signedIn, 'refuge'))).toEqual({
      csrfToken: signedIn.body.csrfToken,
      expiresAt: signedIn.body.expiresAt,
      personId,
      email,
      role: 'caseworker',
      organisationId: REFUGE,
      organisationKind: 'refuge',
    });
  });

  it('shows her new role once it has changed, on the session she already had', async () => {
    const { personId } = await tables.aMember('caseworker');
    const signedIn = await tables.opener.open(personId);
    await tables.people.setRole(personId, 'org_admin');
    expect(await handler().execute(await queryOf(signedIn, null))).toMatchObject({ personId, role: 'org_admin', organisationId: REFUGE });
  });

  it('names no person, e-mail or CSRF token for a machine key', async () => {
    expect(await handler().execute(new GetSessionQuery(admin, undefined))).toEqual({
      csrfToken: null,
      expiresAt: null,
      personId: null,
      email: null,
      role: 'network_admin',
      organisationId: admin.organisationId,
      organisationKind: null,
    });
  });
});
