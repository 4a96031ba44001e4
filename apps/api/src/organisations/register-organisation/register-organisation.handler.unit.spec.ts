import { StreamStateCache } from '@passerelle/command-handling';
import { organisationStream, type Actor, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { REFUGE, admin, contextOf, coordinator, exactScope, organisationRegistered, refuge } from '../../testing/use-case.fixtures';
import { RegisterOrganisationCommand, type RegisterOrganisationData } from './register-organisation.command';
import { RegisterOrganisationHandler } from './register-organisation.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const theRefuge = organisationStream(REFUGE);

const register = (who: Actor, data: Partial<RegisterOrganisationData> = {}) =>
  new RegisterOrganisationCommand(
    { id: REFUGE, name: REFUGE, kind: 'refuge', department: '75', services: ['shelter', 'shelter', 'legal'], ...data },
    contextOf(who),
  );
const handler = (store: EventStore) => new RegisterOrganisationHandler(store, new StreamStateCache());

describe('register organisation', () => {
  describe('when the id is free', () => {
    it('records the organisation, each service once, public to every key holder', () =>
      given()
        .when((store) => handler(store).execute(register(admin)))
        .then(
          expectNewEvents(theRefuge, [
            {
              ...organisationRegistered(REFUGE, 'refuge', ['shelter', 'legal']),
              metadata: { actor: { organisationId: 'passerelle', role: 'network_admin', keyId: admin.keyId }, scope: exactScope({}) },
            },
          ]),
        ));

    it('records the contact she will be told to call on her consent receipt, and leaves out one that says nothing', async () => {
      const contact = { phone: '+33 1 48 00 00 00', email: null };
      await given()
        .when((store) => handler(store).execute(register(admin, { services: ['shelter'], contact })))
        .then(
          expectNewEvents(theRefuge, [
            { type: 'OrganisationRegistered', data: { ...organisationRegistered(REFUGE, 'refuge', ['shelter']).data, contact } },
          ]),
        );
      await given()
        .when((store) => handler(store).execute(register(admin, { services: ['shelter'], contact: { phone: null, email: null } })))
        .then(expectNewEvents(theRefuge, [organisationRegistered(REFUGE, 'refuge', ['shelter'])]));
    });

    it('lets only an admin register', async () => {
      await given()
        .when((store) => handler(store).execute(register(coordinator)))
        .thenThrows('AUTH.ADMIN_ONLY');
      await given()
        .when((store) => handler(store).execute(register(refuge)))
        .thenThrows('AUTH.ADMIN_ONLY');
    });

    it('refuses an organisation offering no service', () =>
      given()
        .when((store) => handler(store).execute(register(admin, { services: [] })))
        .thenThrows('ORGANISATION.NO_SERVICES'));

    it('registers once when two processes register the same id at the same time, and refuses the other', () =>
      given()
        .when(async (store) => {
          const outcomes = await Promise.allSettled([handler(store).execute(register(admin)), handler(store).execute(register(admin))]);
          expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'registered')).sort()).toEqual([
            'ORGANISATION.ALREADY_EXISTS',
            'registered',
          ]);
        })
        .then(expectNewEvents(theRefuge, [organisationRegistered(REFUGE, 'refuge', ['shelter', 'legal'])])));
  });

  describe('when the id is taken', () => {
    it('refuses a second registration', () =>
      given(existingStream(theRefuge, [organisationRegistered(REFUGE, 'refuge', ['shelter'])]))
        .when((store) => handler(store).execute(register(admin)))
        .thenThrows('ORGANISATION.ALREADY_EXISTS'));
  });
});
