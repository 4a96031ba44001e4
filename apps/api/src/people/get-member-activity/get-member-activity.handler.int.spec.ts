import { AUTH_MIGRATIONS, PeopleStore } from '@passerelle/auth';
import { organisationStream, referralStream, type Actor } from '@passerelle/domain';
import type { AccessVia } from '@passerelle/privacy';
import { ACTIVITY_MIGRATIONS, ActivityQuery, activityProjection } from '@passerelle/projections';
import { DeliveryLog, WEBHOOK_MIGRATIONS } from '@passerelle/webhooks';
import { randomUUID } from 'node:crypto';
import { openReadSide, type ReadSide } from '../../testing/read-side.fixtures';
import {
  ASSO,
  CASE_ID,
  CLINIC,
  REFERRAL_ID,
  REFUGE,
  admin,
  assoAdmin,
  organisationRegistered,
  referralMade,
  refugeAdmin,
  refugeCaseworker,
} from '../../testing/use-case.fixtures';
import { administered, invited, joined, removed } from '../testing/people-events.fixture';
import { aMember } from '../testing/people-tables.fixture';
import { GetMemberActivityHandler } from './get-member-activity.handler';
import { GetMemberActivityQuery } from './get-member-activity.query';

const theRefuge = organisationStream(REFUGE);
const WEBHOOK_ID = randomUUID();
/** Appended by Awa, signed in for the refuge. */
const byAwa = { actor: { organisationId: REFUGE, role: 'caseworker', keyId: null, personId: 'awa' } };
/** What the access log holds of one read: her case, or the referral that shared it. */
const read = (personId: string, via: AccessVia, readAt: string) => ({
  caseId: CASE_ID,
  organisationId: REFUGE,
  keyId: null,
  personId,
  via,
  referralId: via === 'referral' ? REFERRAL_ID : null,
  categories: ['identity', 'contact'],
  readAt: new Date(readAt),
});
/** The same read, as her org_admin sees it. */
const seen = (via: AccessVia, readAt: string) => ({
  readAt,
  caseId: CASE_ID,
  via,
  referralId: via === 'referral' ? REFERRAL_ID : null,
  categories: ['identity', 'contact'],
});

describe('get member activity', () => {
  let side: ReadSide;
  const activityOf = (who: Actor, personId: string, { organisationId = REFUGE, limit = 50 } = {}) =>
    new GetMemberActivityHandler(
      side.fx.store,
      new PeopleStore(side.pool),
      side.accessLog,
      new ActivityQuery(side.fx.dataSource),
      new DeliveryLog(side.pool),
    ).execute(new GetMemberActivityQuery(who, organisationId, personId, limit));

  beforeAll(async () => {
    side = await openReadSide('member_activity', {
      projections: [activityProjection],
      migrations: [AUTH_MIGRATIONS, ACTIVITY_MIGRATIONS, WEBHOOK_MIGRATIONS],
    });
    const people = new PeopleStore(side.pool);
    await aMember(people, 'awa');
    await aMember(people, 'mariam', { status: 'removed' });
    await aMember(people, 'person-asso-admin', { organisationId: ASSO, role: 'org_admin' });
    await side.given(
      [theRefuge, [...administered, invited('awa'), joined('awa'), invited('mariam'), joined('mariam'), removed('mariam')]],
      [organisationStream(CLINIC), [organisationRegistered(CLINIC, 'health', ['medical'])]],
      [referralStream(REFERRAL_ID), [{ ...referralMade({ from: REFUGE, to: ASSO }), metadata: byAwa }]],
      [
        theRefuge,
        [{ type: 'CapacityDeclared', data: { organisationId: REFUGE, service: 'shelter', total: 12, available: 3 }, metadata: byAwa }],
      ],
    );
    await side.accessLog.record([
      read('awa', 'case', '2026-11-22T09:00:00.000Z'),
      read('mariam', 'case', '2026-11-22T09:30:00.000Z'),
      read('awa', 'referral', '2026-11-22T10:00:00.000Z'),
    ]);
    const webhooks = new DeliveryLog(side.pool);
    await webhooks.recordAction(WEBHOOK_ID, REFUGE, 'registered', 'person:awa');
    await webhooks.recordAction(WEBHOOK_ID, REFUGE, 'replayed', 'person:person-refuge-admin');
    await webhooks.recordAction(WEBHOOK_ID, REFUGE, 'secret_rotated', 'person:awa');
  });
  afterAll(() => side.close());

  it('shows her org_admin what a caseworker opened and did, newest first: ids, types and categories, nothing of anyone else', async () => {
    const at = expect.any(String) as string;
    expect(await activityOf(refugeAdmin, 'awa')).toEqual({
      personId: 'awa',
      role: 'caseworker',
      status: 'active',
      reads: [seen('referral', '2026-11-22T10:00:00.000Z'), seen('case', '2026-11-22T09:00:00.000Z')],
      events: [
        { position: at, type: 'CapacityDeclared', stream: theRefuge, at: '2026-11-22T10:00:00.000Z' },
        { position: at, type: 'ReferralMade', stream: referralStream(REFERRAL_ID), at: '2026-11-22T10:00:00.000Z' },
      ],
      webhookActions: [
        { webhookId: WEBHOOK_ID, action: 'secret_rotated', at },
        { webhookId: WEBHOOK_ID, action: 'registered', at },
      ],
    });
  });

  it('gives the newest of each kind up to the limit', async () => {
    expect(await activityOf(refugeAdmin, 'awa', { limit: 1 })).toMatchObject({
      reads: [{ via: 'referral' }],
      events: [{ type: 'CapacityDeclared' }],
      webhookActions: [{ action: 'secret_rotated' }],
    });
  });

  it('keeps a removed person’s activity reviewable', async () => {
    expect(await activityOf(refugeAdmin, 'mariam')).toMatchObject({
      status: 'removed',
      reads: [{ via: 'case', readAt: '2026-11-22T09:30:00.000Z' }],
    });
  });

  it('refuses the network admin even while onboarding, another organisation’s admin and a caseworker; another organisation’s person is no member', async () => {
    const refusals: [Actor, string, string, string][] = [
      [admin, REFUGE, 'awa', 'AUTH.ORGANISATION_HAS_ADMIN'],
      [admin, CLINIC, 'awa', 'AUTH.ORG_ADMIN_ONLY'],
      [assoAdmin, REFUGE, 'awa', 'AUTH.ORG_ADMIN_ONLY'],
      [refugeCaseworker, REFUGE, 'awa', 'AUTH.ORG_ADMIN_ONLY'],
      [refugeAdmin, REFUGE, 'person-asso-admin', 'MEMBER.NOT_FOUND'],
      [refugeAdmin, REFUGE, 'nobody', 'MEMBER.NOT_FOUND'],
    ];
    for (const [who, organisationId, personId, code] of refusals) {
      await expect(activityOf(who, personId, { organisationId })).rejects.toMatchObject({ code });
    }
  });
});
