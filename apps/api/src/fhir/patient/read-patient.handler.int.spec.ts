import type { ModuleRef } from '@nestjs/core';
import { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { QueryBus } from '@nestjs/cqrs';
import type { Actor } from '@passerelle/domain';
import type { Patient } from 'fhir/r4';
import { randomUUID } from 'node:crypto';
import { GetCaseHandler } from '../../cases/get-case/get-case.handler';
import { HER, openReadSide, SETTINGS, type ReadSide } from '../../testing/read-side.fixtures';
import { ALL_CATEGORIES, CASE_ID, NOW, REFUGE, asso, personErased, police, refuge } from '../../testing/use-case.fixtures';
import { CODE_SYSTEM, EXTENSION } from '../fhir-systems';
import { ReadFhirPatientHandler } from './read-patient.handler';
import { ReadFhirPatientQuery, type PatientRead } from './read-patient.query';

const ERASED = { caseId: randomUUID(), referralId: randomUUID() };
const patientOf = (read: PatientRead): Patient => {
  if ('erased' in read) throw new Error('she was erased');
  return read.patient;
};

describe('read FHIR Patient', () => {
  let side: ReadSide;
  /** The handler on a real QueryBus that carries GetCaseQuery to the JSON API's own handler, as CqrsModule wires it. */
  const patientAs = (who: Actor, caseId = CASE_ID) => {
    const bus = new QueryBus({} as ModuleRef);
    const getCase = new GetCaseHandler(side.fx.store, side.inbox, side.access, side.fx.dataSource, SETTINGS);
    bus.register([new InstanceWrapper({ metatype: GetCaseHandler, instance: getCase })]);
    return new ReadFhirPatientHandler(bus).execute(new ReadFhirPatientQuery(who, caseId, NOW));
  };
  const readsOfHerCase = async (organisationId: string) =>
    (await side.accessLog.listForCase(CASE_ID, { limit: 10 })).entries.filter((entry) => entry.organisationId === organisationId);

  beforeAll(async () => {
    side = await openReadSide('fhir_patient');
    await side.given(
      ...(await side.referredWithText()),
      ...(await side.referredWithText({ person: { caseId: ERASED.caseId }, referralId: ERASED.referralId, then: [personErased()] })),
    );
  });
  afterAll(() => side.close());

  it('shows the receiver of her referral only the categories her consent covers, and logs the read', async () => {
    const patient = patientOf(await patientAs(refuge));

    expect(patient).toEqual({
      resourceType: 'Patient',
      id: CASE_ID,
      meta: { tag: [{ system: CODE_SYSTEM.consentCategory, code: 'identity', display: expect.any(String) }] },
      name: [{ family: HER.identity.familyName, given: [HER.identity.givenName] }],
    });
    expect(await readsOfHerCase(REFUGE)).toEqual([expect.objectContaining({ via: 'case', categories: ['identity'] })]);
  });

  it('shows the holder of her case every category, each in its Patient field', async () => {
    const patient = patientOf(await patientAs(asso));

    expect(patient.meta?.tag?.map((tag) => tag.code)).toEqual(ALL_CATEGORIES);
    expect(patient).toMatchObject({
      name: [{ family: HER.identity.familyName }],
      telecom: [{ system: 'phone', value: HER.contact.phone }],
      extension: [
        {
          url: EXTENSION.personNotes,
          extension: [
            { url: 'category', valueCode: 'health' },
            { url: 'notes', valueString: HER.health.notes },
          ],
        },
      ],
    });
  });

  it('answers a partner neither her consent nor a referral names as if there were no such case, and opens nothing', async () => {
    await expect(patientAs(police)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    expect(await readsOfHerCase(police.organisationId)).toEqual([]);
  });

  it('answers that she is gone once she is erased, to the holder and the receiver alike', async () => {
    for (const reader of [asso, refuge]) expect(await patientAs(reader, ERASED.caseId)).toEqual({ erased: true });
  });
});
