import { StreamStateCache } from '@passerelle/command-handling';
import { organisationStream, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { authenticator } from 'otplib';
import { NOW, REFUGE } from '../../testing/use-case.fixtures';
import { invited, registered } from '../../people/testing/people-events.fixture';
import { signInTables, type SignInTables } from '../testing/sign-in-tables.fixture';
import { StartInvitationHandler } from '../start-invitation/start-invitation.handler';
import { StartInvitationCommand } from '../start-invitation/start-invitation.command';
import { AcceptInvitationCommand } from './accept-invitation.command';
import { AcceptInvitationHandler } from './accept-invitation.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const theRefuge = organisationStream(REFUGE);

describe('accept invitation with a password and a TOTP code', () => {
  let tables: SignInTables;
  const accept = (store: EventStore) =>
    new AcceptInvitationHandler(store, new StreamStateCache(), tables.people, tables.credentials, tables.relyingParty, tables.opener);
  /** An invitation in the table (its event is given to each spec), opened as her link would be. */
  const anInvitation = async () => {
    const { personId, token } = await tables.anInvitation();
    const started = await new StartInvitationHandler(tables.people, tables.credentials, tables.relyingParty).execute(
      new StartInvitationCommand(token),
    );
    return { personId, token, totp: started.totp };
  };

  beforeAll(async () => {
    tables = await signInTables('accept_invitation');
  });
  afterAll(() => tables.close());

  it('binds her password and code, records that she joined (as herself), and signs her in', async () => {
    const { personId, token, totp } = await anInvitation();
    let cookie = '';
    await given(existingStream(theRefuge, [registered, invited(personId)]))
      .when(async (store) => {
        const signedIn = await accept(store).execute(
          new AcceptInvitationCommand(
            token,
            {
              method: 'password_totp',
              challengeId: totp.challengeId,
              password: 'a long enough password',
              code: authenticator.generate(totp.secret),
            },
            NOW,
          ),
        );
        cookie = signedIn.setCookie;
        expect(signedIn.body).toMatchObject({ personId, role: 'caseworker', organisationId: REFUGE });
      })
      .then(
        expectNewEvents(theRefuge, [
          {
            type: 'MemberJoined',
            data: { organisationId: REFUGE, invitationId: `inv-${personId}`, personId, method: 'password_totp' },
            metadata: { actor: { organisationId: REFUGE, role: 'caseworker', keyId: null, personId } },
          },
        ]),
      );
    expect(cookie).toMatch(/^passerelle_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(await tables.sessionOf({ setCookie: cookie })).toMatchObject({ personId });
  });

  it('refuses a wrong code or a short password, and stores nothing', async () => {
    const { personId, token, totp } = await anInvitation();
    await given(existingStream(theRefuge, [registered, invited(personId)]))
      .when((store) =>
        accept(store).execute(
          new AcceptInvitationCommand(
            token,
            { method: 'password_totp', challengeId: totp.challengeId, password: 'a long enough password', code: '000000' },
            NOW,
          ),
        ),
      )
      .thenThrows('SIGN_IN.CODE_WRONG');
    const again = await anInvitation();
    await given(existingStream(theRefuge, [registered, invited(again.personId)]))
      .when((store) =>
        accept(store).execute(
          new AcceptInvitationCommand(
            again.token,
            {
              method: 'password_totp',
              challengeId: again.totp.challengeId,
              password: 'short',
              code: authenticator.generate(again.totp.secret),
            },
            NOW,
          ),
        ),
      )
      .thenThrows('SIGN_IN.WEAK_PASSWORD');
  });

  it('refuses a ceremony used once already, or made for another invitation', async () => {
    const first = await anInvitation();
    const second = await anInvitation();
    await given(existingStream(theRefuge, [registered, invited(second.personId)]))
      .when((store) =>
        accept(store).execute(
          new AcceptInvitationCommand(
            second.token,
            {
              method: 'password_totp',
              challengeId: first.totp.challengeId,
              password: 'a long enough password',
              code: authenticator.generate(first.totp.secret),
            },
            NOW,
          ),
        ),
      )
      .thenThrows('SIGN_IN.CEREMONY_EXPIRED');
  });
});
