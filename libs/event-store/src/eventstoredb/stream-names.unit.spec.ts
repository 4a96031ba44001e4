import { PASSERELLE_STREAM_PREFIXES, StreamNames } from './stream-names';

describe('stream names on EventStoreDB', () => {
  const production = new StreamNames('', PASSERELLE_STREAM_PREFIXES);
  const namespaced = new StreamNames('t42.', ['contract-', 'trap-']);

  it('filters $all on the case, referral and organisation streams by default', () => {
    expect(production.filterPrefixes()).toEqual(['case-', 'referral-', 'organisation-']);
    expect(namespaced.filterPrefixes()).toEqual(['t42.contract-', 't42.trap-']);
  });

  it('keeps names as they are without a namespace, and prefixes them with one', () => {
    expect(production.toEsdb('case-0b1c')).toBe('case-0b1c');
    expect(namespaced.toEsdb('contract-1')).toBe('t42.contract-1');
    expect(namespaced.fromEsdb('t42.contract-1')).toBe('contract-1');
  });

  it('refuses to append to a stream no subscriber would see', () => {
    expect(() => production.toEsdb('webhook-1')).toThrow(
      /outside the prefixes this store subscribes to \(case-, referral-, organisation-\)/,
    );
  });

  it('does not read back system streams, claims, other namespaces or other applications', () => {
    for (const foreign of ['$stats-127.0.0.1:2113', '$$case-1', '$>', 'eventid-0b1c', 'orders-1']) {
      expect(production.fromEsdb(foreign)).toBeNull();
    }
    expect(namespaced.fromEsdb('t43.contract-1')).toBeNull();
    expect(namespaced.fromEsdb('contract-1')).toBeNull();
    expect(production.fromEsdb(production.claimStream('0B1C'))).toBeNull();
    expect(namespaced.claimStream('0B1C')).toBe('t42.eventid-0b1c');
    expect(production.fromEsdb(production.identityStream())).toBeNull();
    expect(namespaced.identityStream()).toBe('t42.passerelle-store');
  });

  it.each([[[]], [['']], [['$']], [['event']], [['eventid-x']], [['passerelle-']], [['passerelle-store-x']]])(
    'refuses the prefixes %j',
    (prefixes) => {
      expect(() => new StreamNames('', prefixes)).toThrow(TypeError);
    },
  );

  it('refuses a namespace with characters outside A-Z a-z 0-9 . _ : -', () => {
    expect(() => new StreamNames('a b', ['case-'])).toThrow(TypeError);
  });
});
