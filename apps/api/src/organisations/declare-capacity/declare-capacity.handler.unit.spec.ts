import { StreamStateCache } from '@passerelle/command-handling';
import { organisationDecider, organisationStream, type Actor, type CapacityDeclared, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { REFUGE, admin, asso, cacheHolding, contextOf, exactScope, organisationRegistered, refuge } from '../../testing/use-case.fixtures';
import { DeclareCapacityCommand, type DeclareCapacityData } from './declare-capacity.command';
import { DeclareCapacityHandler } from './declare-capacity.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const theRefuge = organisationStream(REFUGE);
const registered = organisationRegistered(REFUGE, 'refuge', ['shelter', 'specialised_shelter']);

const places = (available: number, total = 10) => ({ organisationId: REFUGE, service: 'shelter' as const, total, available });
const declare = (who: Actor, data: Partial<DeclareCapacityData> = {}) =>
  new DeclareCapacityCommand({ ...places(4), ...data }, contextOf(who));
const declared = (available: number, total = 10): CapacityDeclared => ({ type: 'CapacityDeclared', data: places(available, total) });
const handler = (store: EventStore, cache = new StreamStateCache()) => new DeclareCapacityHandler(store, cache);

describe('declare capacity', () => {
  describe('when the organisation is registered', () => {
    it('records the places it declares for one of its services, public to every key holder', () =>
      given(existingStream(theRefuge, [registered]))
        .when((store) => handler(store).execute(declare(refuge)))
        .then(expectNewEvents(theRefuge, [{ ...declared(4), metadata: { scope: exactScope({}) } }])));

    it('refuses a declaration by another organisation, or by an admin', async () => {
      await given(existingStream(theRefuge, [registered]))
        .when((store) => handler(store).execute(declare(asso)))
        .thenThrows('AUTH.NOT_THIS_ORGANISATION');
      await given(existingStream(theRefuge, [registered]))
        .when((store) => handler(store).execute(declare(admin)))
        .thenThrows('AUTH.NOT_THIS_ORGANISATION');
    });

    it('refuses a service it does not offer', () =>
      given(existingStream(theRefuge, [registered]))
        .when((store) => handler(store).execute(declare(refuge, { service: 'legal' })))
        .thenThrows('CAPACITY.SERVICE_NOT_OFFERED'));

    it('refuses more places available than in total', () =>
      given(existingStream(theRefuge, [registered]))
        .when((store) => handler(store).execute(declare(refuge, { available: 11 })))
        .thenThrows('CAPACITY.INVALID'));

    it('appends after a declaration another process made since this one cached the organisation: no lost write', () =>
      given(existingStream(theRefuge, [registered, declared(5), declared(3)]))
        .when((store) =>
          handler(store, cacheHolding(theRefuge, organisationDecider, [registered, declared(5)])).execute(
            declare(refuge, { available: 2 }),
          ),
        )
        .then(expectNewEvents(theRefuge, [declared(2)])));
  });

  describe('when the organisation is not registered', () => {
    it('refuses the declaration', () =>
      given()
        .when((store) => handler(store).execute(declare(refuge)))
        .thenThrows('ORGANISATION.NOT_FOUND'));
  });
});
