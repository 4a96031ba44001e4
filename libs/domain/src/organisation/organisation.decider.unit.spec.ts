import { DeciderSpecification } from '../../../testing/src/decider-specification';
import { REFUGE, admin, asso, by, coordinator, refuge } from '../testing/domain.fixtures';
import type { Actor } from '../shared/metadata';
import type { Service } from '../shared/vocabulary';
import type { DeclareCapacity, RegisterOrganisation } from './organisation.commands';
import type { CapacityDeclared, OrganisationRegistered } from './organisation.events';
import { organisationDecider } from './organisation.decider';

const spec = DeciderSpecification.for(organisationDecider);

const directoryEntry = { organisationId: REFUGE, name: 'Refuge 75', kind: 'refuge', department: '75' } as const;
const register = (who: Actor, services: Service[] = ['shelter', 'specialised_shelter']): RegisterOrganisation => ({
  type: 'RegisterOrganisation',
  data: { ...directoryEntry, services },
  metadata: by(who),
});
const registeredEvent: OrganisationRegistered = {
  type: 'OrganisationRegistered',
  data: { ...directoryEntry, services: ['shelter', 'specialised_shelter'] },
};
const declare = (who: Actor, total: number, available: number, service: Service = 'shelter'): DeclareCapacity => ({
  type: 'DeclareCapacity',
  data: { organisationId: REFUGE, service, total, available },
  metadata: by(who),
});
const declared = (total: number, available: number, service: Service = 'shelter'): CapacityDeclared => ({
  type: 'CapacityDeclared',
  data: { organisationId: REFUGE, service, total, available },
});

describe('organisation decider', () => {
  describe('when not registered', () => {
    const given = spec.given([]);

    it('registers the organisation for an admin, without repeated services', () => {
      given.when(register(admin, ['shelter', 'specialised_shelter', 'shelter'])).then(registeredEvent);
    });

    it('rejects registration by anyone but an admin', () => {
      given.when(register(asso)).thenThrows('AUTH.ADMIN_ONLY', (error) => expect(error.kind).toBe('forbidden'));
      given.when(register(coordinator)).thenThrows('AUTH.ADMIN_ONLY');
    });

    it('rejects an organisation offering no service', () => {
      given.when(register(admin, [])).thenThrows('ORGANISATION.NO_SERVICES');
    });

    it('answers "organisation not found" to a capacity declaration', () => {
      given.when(declare(refuge, 10, 3)).thenThrows('ORGANISATION.NOT_FOUND', (error) => expect(error.kind).toBe('not_found'));
    });
  });

  describe('when registered', () => {
    const given = spec.given([registeredEvent]);

    it('rejects registering it again', () => {
      given.when(register(admin)).thenThrows('ORGANISATION.ALREADY_EXISTS', (error) => expect(error.kind).toBe('conflict'));
    });

    it('records the capacity the organisation declares for one of its services', () => {
      given.when(declare(refuge, 10, 3)).then(declared(10, 3));
      given.when(declare(refuge, 0, 0)).then(declared(0, 0));
      given.when(declare(refuge, 100_000, 100_000)).then(declared(100_000, 100_000));
    });

    it('rejects a declaration by another organisation or by an admin', () => {
      given.when(declare(asso, 10, 3)).thenThrows('AUTH.NOT_THIS_ORGANISATION');
      given.when(declare(admin, 10, 3)).thenThrows('AUTH.NOT_THIS_ORGANISATION');
    });

    it('rejects a service the organisation does not offer', () => {
      given.when(declare(refuge, 10, 3, 'medical')).thenThrows('CAPACITY.SERVICE_NOT_OFFERED');
    });

    it.each([
      ['more available than total', 3, 4],
      ['a negative number', 3, -1],
      ['a fraction', 2.5, 1],
      ['more than 100000 places', 100_001, 0],
      ['not a number', Number.NaN, 0],
    ])('rejects %s', (_case, total, available) => {
      given
        .when(declare(refuge, total, available))
        .thenThrows('CAPACITY.INVALID', (error) => expect(error.message).not.toContain(String(total)));
    });
  });

  describe('evolve', () => {
    it('keeps the latest capacity per service', () => {
      const state = [registeredEvent, declared(10, 3), declared(5, 5, 'specialised_shelter'), declared(10, 1)].reduce(
        (folded, event) => organisationDecider.evolve(folded, event),
        organisationDecider.initialState(),
      );
      expect(state.status === 'registered' && state.capacity).toEqual({
        shelter: { total: 10, available: 1 },
        specialised_shelter: { total: 5, available: 5 },
      });
    });
  });
});
