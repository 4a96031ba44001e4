import { canonicalJson } from './idempotency.guard';

describe('the fingerprint of a request body', () => {
  it('is the same whatever order the members were written in, at every depth', () => {
    const first = JSON.parse('{"b":1,"a":{"y":[{"q":1,"p":2}],"x":null}}') as unknown;
    const retry = JSON.parse('{"a":{"x":null,"y":[{"p":2,"q":1}]},"b":1}') as unknown;
    expect(canonicalJson(retry)).toBe(canonicalJson(first));
  });

  it('still tells apart bodies that differ in a value, in array order or in a member', () => {
    const bodies = ['{"a":[1,2]}', '{"a":[2,1]}', '{"a":[1,2],"b":null}', '{"a":"[1,2]"}', '{"a":{"1":2}}', 'null'];
    const prints = bodies.map((text) => canonicalJson(JSON.parse(text) as unknown));
    expect(new Set(prints).size).toBe(bodies.length);
  });
});
