import type { EventData, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { type EventMetadata, ForeignEventError, type NewEvent } from '../event-store.port';
import { fromStoredMetadata, toEventData, toRecordedEvent, toStoredMetadata } from './event-data.mapping';

const metadata: EventMetadata = {
  schemaVersion: 1,
  occurredAt: '2026-11-22T10:00:00.000Z',
  actor: { organisationId: 'asso-93', role: 'partner', keyId: 'key-1' },
  correlationId: '5f0c0a52-4b7e-4c36-9d0e-2f3c4d5e6f70',
  causationId: null,
  scope: { 'refuge-75': ['identity', 'contact'], 'asso-93': [] },
};
const event: NewEvent = {
  eventId: '0B1C2D3E-4F50-4612-8734-956A7B8C9D0E',
  type: 'ReferralMade',
  data: { referralId: 'r-1', message: { sealed: 'base64…' }, languages: ['fr', 'العربية'] },
  metadata,
};

/** What the client hands back after the server stored `data` in `stream` (both JSON round trips). */
function storedAs(data: EventData, streamId: string, revision: bigint, position: bigint): EsdbRecordedEvent {
  return {
    streamId,
    id: data.id,
    isJson: true,
    revision,
    type: data.type,
    created: new Date('2026-11-22T10:00:01Z'),
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position: { commit: position, prepare: position },
  };
}

describe('events to and from EventStoreDB', () => {
  it('uses the caller’s event id as the EventStoreDB id, so that the server recognises a retry', () => {
    const data = toEventData(event);
    expect(data).toMatchObject({ id: '0b1c2d3e-4f50-4612-8734-956a7b8c9d0e', contentType: 'application/json', type: 'ReferralMade' });
  });

  it('reads back data and metadata as appended, under the port stream name, with bigint revision and position', () => {
    const recorded = toRecordedEvent(storedAs(toEventData(event), 'ns.referral-1', 3n, 4242n), 'referral-1');
    expect(recorded).toEqual({
      eventId: '0b1c2d3e-4f50-4612-8734-956a7b8c9d0e',
      type: 'ReferralMade',
      data: event.data,
      metadata,
      streamName: 'referral-1',
      streamRevision: 3n,
      globalPosition: 4242n,
      recordedAt: new Date('2026-11-22T10:00:01Z'),
    });
  });

  it('writes only the envelope fields to metadata, whatever else the object carries', () => {
    const smuggled = {
      ...metadata,
      person: { familyName: 'Diallo' },
      actor: { ...metadata.actor, phone: '+33600000000' },
    } as EventMetadata;
    const stored = JSON.stringify(toEventData({ ...event, metadata: smuggled }).metadata);
    expect(stored).not.toContain('Diallo');
    expect(stored).not.toContain('+33600000000');
    expect(fromStoredMetadata(JSON.parse(stored))).toEqual(metadata);
  });

  it("copies the correlation and causation ids under EventStoreDB's own names, and drops them on the way back", () => {
    expect(toStoredMetadata(metadata)).toMatchObject({ $correlationId: metadata.correlationId });
    expect(toStoredMetadata(metadata)).not.toHaveProperty('$causationId');
    expect(toStoredMetadata({ ...metadata, causationId: 'cause-1' })).toMatchObject({ $causationId: 'cause-1' });
    expect(fromStoredMetadata(toStoredMetadata({ ...metadata, causationId: 'cause-1' }))).toEqual({ ...metadata, causationId: 'cause-1' });
  });

  it.each([
    ['an id that is not a UUID', { ...event, eventId: 'evt-1' }],
    ['an empty type', { ...event, type: '' }],
    ['data that is not JSON', { ...event, data: undefined }],
    ['data with a bigint', { ...event, data: { n: 1n } }],
  ])('refuses %s before anything is sent', (_, wrong) => {
    expect(() => toEventData(wrong as NewEvent)).toThrow(TypeError);
  });

  it('refuses an event that another writer stored as binary, or one without a log position', () => {
    const stored = storedAs(toEventData(event), 'case-1', 0n, 1n);
    expect(() => toRecordedEvent({ ...stored, isJson: false } as EsdbRecordedEvent, 'case-1')).toThrow(ForeignEventError);
    expect(() => toRecordedEvent({ ...stored, isJson: false } as EsdbRecordedEvent, 'case-1')).toThrow(/not JSON/);
    expect(() => toRecordedEvent({ ...stored, position: undefined }, 'case-1')).toThrow(/22\.6 or later/);
  });

  it.each([
    ['no metadata', undefined],
    ['metadata the client could not parse (bytes)', new Uint8Array([0x7b, 0x7b])],
    ['metadata of another application', { $correlationId: 'x', tenant: 'shop' }],
    ['an envelope without its scope', { ...metadata, scope: undefined }],
  ])('refuses a JSON event with %s as a foreign event, naming it by id and stream only', (_, stored) => {
    const foreign = { ...storedAs(toEventData(event), 'case-1', 0n, 1n), metadata: stored } as EsdbRecordedEvent;
    expect(() => toRecordedEvent(foreign, 'case-1')).toThrow(ForeignEventError);
    expect(() => toRecordedEvent(foreign, 'case-1')).toThrow(
      /^Event 0b1c2d3e-4f50-4612-8734-956a7b8c9d0e of case-1 at position 1 was not written by Passerelle/,
    );
  });
});
