import { sameOriginPath } from './oidc.handlers';

describe('returnTo after signing in with the identity provider', () => {
  it.each([
    ['/console/', '/console/'],
    ['/console/#inbox', '/console/#inbox'],
    ['/console/?tab=keys', '/console/?tab=keys'],
  ])('keeps a path of this site: %s', (returnTo, expected) => {
    expect(sameOriginPath(returnTo)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/console/',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    ' /console/',
    '',
    undefined,
  ])('sends anything else to the console instead: %s', (returnTo) => {
    expect(sameOriginPath(returnTo)).toBe('/console/');
  });
});
