import { answerToKeep } from './idempotency.guard';

describe('the answer kept for an Idempotency-Key replay', () => {
  it('keeps ids, statuses and positions, and leaves out any other field, saying which', () => {
    expect(answerToKeep({ caseId: 'c-1', consentId: 'k-1', position: '12', note: 'Awa is in room 12' }, [], false)).toEqual({
      caseId: 'c-1',
      consentId: 'k-1',
      position: '12',
      omittedOnReplay: ['note'],
    });
  });

  it('keeps the ids a place request made', () => {
    const answer = { placeRequestId: 'p-1', referralIds: ['r-1', 'r-2'], status: 'open', position: '40' };
    expect(answerToKeep(answer, [], false)).toEqual(answer);
  });

  it('empties the secrets shown once, whatever else it keeps', () => {
    expect(answerToKeep({ keyId: 'k', key: 'psk_secret', role: 'partner' }, ['key'], false)).toEqual({
      keyId: 'k',
      key: null,
      role: 'partner',
      secretsShownOnce: true,
    });
    expect(answerToKeep({ id: 'w', url: 'https://partner.example', secret: 'whsec_x' }, ['secret'], true)).toEqual({
      id: 'w',
      url: 'https://partner.example',
      secret: null,
      secretsShownOnce: true,
    });
  });

  it('keeps a whole answer only for a route that declares it holds nothing about a person', () => {
    const rows = [{ region: 'Bretagne', count: 12 }];
    expect(answerToKeep({ k: 10, rows }, [], true)).toEqual({ k: 10, rows });
    expect(answerToKeep({ k: 10, rows }, [], false)).toEqual({ omittedOnReplay: ['k', 'rows'] });
  });

  it('keeps nothing of an answer that is not an object', () => {
    expect(answerToKeep('Awa', [], false)).toBeNull();
    expect(answerToKeep(undefined, [], false)).toBeNull();
  });
});
