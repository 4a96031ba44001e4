import { recorded } from './testing/recorded-events.fixtures';
import { mayReceive } from './audience';
import { toPublication } from './to-integration-event';
import { toWebhookPayload } from './webhook-payload';

const REFERRAL = '7f1d2c3a-0000-4000-8000-0000000000aa';
const CASE = '7f1d2c3a-0000-4000-8000-000000000001';

describe('integration events', () => {
  it('publishes a referral as thin ids keyed by the referral, to the organisations in its scope only', () => {
    const publication = toPublication(
      recorded(
        {
          type: 'ReferralMade',
          data: {
            referralId: REFERRAL,
            caseId: CASE,
            from: 'asso-93',
            to: 'refuge-75',
            service: 'shelter',
            urgency: 'urgent',
            sharedCategories: ['identity'],
            message: 'sealed-message',
            respondBy: null,
          },
        },
        { position: 1234n, revision: 0n, scope: { 'asso-93': ['identity'], 'refuge-75': ['identity'] } },
      ),
    );

    expect(publication?.key).toBe(REFERRAL);
    expect(publication?.event).toEqual({
      type: 'referral.made.v1',
      eventId: '11111111-1111-4111-8111-111111111111',
      streamRevision: '0',
      globalPosition: '1234',
      occurredAt: '2026-11-22T10:00:00.000Z',
      referralId: REFERRAL,
      caseId: CASE,
      from: 'asso-93',
      to: 'refuge-75',
    });
    expect(mayReceive(publication!.audience, 'refuge-75')).toBe(true);
    expect(mayReceive(publication!.audience, 'health-93')).toBe(false);
  });

  it('gives a webhook exactly the documented body (docs/webhooks.md), in its order', () => {
    const publication = toPublication(
      recorded(
        { type: 'ReferralDeclined', data: { referralId: REFERRAL, by: 'refuge-75', reason: 'no_capacity', note: 'sealed-note' } },
        { position: 7n, revision: 1n, scope: { 'refuge-75': [] } },
      ),
    );
    const body = JSON.stringify(toWebhookPayload(publication!.event));
    expect(body).toBe(
      JSON.stringify({
        type: 'referral.declined.v1',
        eventId: '11111111-1111-4111-8111-111111111111',
        referralId: REFERRAL,
        streamRevision: '1',
        globalPosition: '7',
        occurredAt: '2026-11-22T10:00:00.000Z',
      }),
    );
  });

  it('tells a withdrawn recipient about the withdrawal, keyed by the case', () => {
    const publication = toPublication(
      recorded(
        { type: 'ConsentWithdrawn', data: { caseId: CASE, consentId: 'consent-1', reason: 'she asked', by: 'asso-93' } },
        { scope: { 'asso-93': ['identity'], 'refuge-75': [] } },
      ),
    );
    expect(publication).toMatchObject({ key: CASE, event: { type: 'case.consent_withdrawn.v1', caseId: CASE, consentId: 'consent-1' } });
    expect(mayReceive(publication!.audience, 'refuge-75')).toBe(true);
    expect(toWebhookPayload(publication!.event)).toMatchObject({ caseId: CASE });
  });

  it('sends organisation events to the whole network: the directory is public to every key holder', () => {
    const publication = toPublication(
      recorded({
        type: 'CapacityDeclared',
        data: { organisationId: 'refuge-75', service: 'shelter', total: 10, available: 2 },
      }),
    );
    expect(publication?.event).toMatchObject({ type: 'organisation.capacity_declared.v1', organisationId: 'refuge-75' });
    expect(mayReceive(publication!.audience, 'anyone-else')).toBe(true);
    expect(toWebhookPayload(publication!.event)).toMatchObject({ organisationId: 'refuge-75' });
  });

  it('publishes a place request to its sender only, keyed by the request, with the request as the webhook subject', () => {
    const PLACE_REQUEST = '7f1d2c3a-0000-4000-8000-0000000000bb';
    const publication = toPublication(
      recorded(
        { type: 'PlaceRequestPlaced', data: { placeRequestId: PLACE_REQUEST, referralId: REFERRAL, by: 'refuge-75', note: 'sealed-note' } },
        { position: 9n, revision: 1n, scope: { 'asso-93': [] } },
      ),
    );
    expect(publication?.key).toBe(PLACE_REQUEST);
    expect(publication?.event).toMatchObject({
      type: 'place_request.placed.v1',
      placeRequestId: PLACE_REQUEST,
      referralId: REFERRAL,
      by: 'refuge-75',
    });
    expect(mayReceive(publication!.audience, 'asso-93')).toBe(true);
    expect(mayReceive(publication!.audience, 'refuge-75')).toBe(false);
    expect(JSON.stringify(toWebhookPayload(publication!.event))).toBe(
      JSON.stringify({
        type: 'place_request.placed.v1',
        eventId: '11111111-1111-4111-8111-111111111111',
        placeRequestId: PLACE_REQUEST,
        streamRevision: '1',
        globalPosition: '9',
        occurredAt: '2026-11-22T10:00:00.000Z',
      }),
    );
  });

  it('tells the receiver of a withdrawn referral why, as a code: placed_elsewhere', () => {
    const publication = toPublication(
      recorded(
        { type: 'ReferralWithdrawn', data: { referralId: REFERRAL, by: 'asso-93', reason: 'placed_elsewhere', note: null } },
        { scope: { 'asso-93': [], 'refuge-75': [] } },
      ),
    );
    expect(toWebhookPayload(publication!.event)).toEqual({
      type: 'referral.withdrawn.v1',
      eventId: '11111111-1111-4111-8111-111111111111',
      referralId: REFERRAL,
      streamRevision: '0',
      globalPosition: '41',
      occurredAt: '2026-11-22T10:00:00.000Z',
      reason: 'placed_elsewhere',
    });
  });

  it('publishes nothing for an internal event that has no integration event', () => {
    const other = { ...recorded({ type: 'PersonErased', data: { caseId: CASE, requestedBy: 'asso-93' } }), type: 'SomethingInternal' };
    expect(toPublication(other)).toBeNull();
  });
});
