import { hasControlCharacter, memberName, unsafeInput } from './input-guard';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-body';

describe('what no field may hold', () => {
  it.each([
    ['NUL', 'r\u0000'],
    ['an escape (ESC)', 'Awa\u001b[31m'],
    ['DEL', 'a\u007f'],
    ['a C1 control', 'a\u0085'],
    ['a lone high surrogate', 'a\ud800'],
    ['a lone low surrogate', '\udc00b'],
  ])('refuses %s', (_, text) => {
    expect(hasControlCharacter(text)).toBe(true);
  });

  it.each([
    ['line breaks and tabs (free text keeps them)', 'Needs a place\r\n\ttonight'],
    ['accents and other scripts', 'Zaïnabou, ዘይነብ, زینب'],
    ['a zero-width non-joiner, as Dari and Pashto names need', 'می\u200cخواهم'],
    ['a bidi mark and an emoji (a surrogate pair)', '\u200fسارا 🕊️'],
  ])('accepts %s', (_, text) => {
    expect(hasControlCharacter(text)).toBe(false);
  });

  it('names the field of each bad string or member, never its value', () => {
    const errors = unsafeInput({
      person: { givenName: 'A\u0000wa', languages: ['fr', 'd\u0007yu'] },
      __proto__x: 1,
      ['constructor']: { a: 1 },
      ['Awa Diallo\u0000']: 'x',
    });
    expect(errors).toEqual([
      { field: 'person.givenName', message: 'person.givenName must not contain control characters' },
      { field: 'person.languages.1', message: 'person.languages.1 must not contain control characters' },
      { field: 'constructor', message: 'property constructor should not exist' },
      { field: '(unnamed member)', message: 'a member name must not contain control characters' },
    ]);
    expect(JSON.stringify(errors)).not.toContain('Awa');
  });

  it('refuses __proto__ and prototype members at any depth', () => {
    const body = JSON.parse('{"person":{"__proto__":{"isAdmin":true}},"filters":[{"prototype":1}]}') as unknown;
    expect(unsafeInput(body).map((e) => e.field)).toEqual(['person.__proto__', 'filters.0.prototype']);
  });

  it('repeats a member name only when a DTO could have declared it', () => {
    expect(memberName('isAdmin')).toBe('isAdmin');
    expect(memberName('12')).toBe('12');
    expect(memberName('Awa Diallo')).toBe('(unnamed member)');
    expect(memberName('x'.repeat(65))).toBe('(unnamed member)');
  });
});

describe('the depth of a JSON body, read before parsing', () => {
  const deep = (levels: number) => Buffer.from('['.repeat(levels) + ']'.repeat(levels));

  it(`allows ${MAX_JSON_DEPTH} levels and refuses one more`, () => {
    expect(jsonDepthExceeds(deep(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(deep(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":'.repeat(5000) + '1' + '}'.repeat(5000)), MAX_JSON_DEPTH)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: '[[[[{{{{ \\" [[[[' + '['.repeat(100), list: [[1]] });
    expect(jsonDepthExceeds(Buffer.from(text), 3)).toBe(false);
  });
});
