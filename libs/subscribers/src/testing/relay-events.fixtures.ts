import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@passerelle/event-store';

/** The relay specs' events: asso-93 refers to refuge-75, sharing identity; free text stands in as 'sealed'. */
const scope = { 'asso-93': ['identity'], 'refuge-75': [] };

export const newEvent = (type: string, data: object): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: {
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    actor: { organisationId: 'asso-93', role: 'partner', keyId: null },
    correlationId: randomUUID(),
    causationId: null,
    scope,
  },
});

export const referralMade = (referralId: string): NewEvent =>
  newEvent('ReferralMade', {
    referralId,
    caseId: randomUUID(),
    from: 'asso-93',
    to: 'refuge-75',
    service: 'shelter',
    urgency: 'urgent',
    sharedCategories: ['identity'],
    message: 'sealed',
    respondBy: null,
  });
