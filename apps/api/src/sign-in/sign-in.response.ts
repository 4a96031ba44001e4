import { ORGANISATION_KINDS, PERSON_ROLES, ROLES } from '@passerelle/domain';
import { boolean, INSTANT, named, object, oneOfValues, orNull, ORGANISATION_ID_SCHEMA, text, UUID } from '@passerelle/http';

const PERSON_ROLE = oneOfValues(PERSON_ROLES);
const WEBAUTHN_OPTIONS = {
  type: 'object',
  description: 'WebAuthn options for navigator.credentials (JSON form, as @simplewebauthn/browser takes them)',
};

export const SIGNED_IN = named(
  'SignedIn',
  object({
    csrfToken: text({ description: 'Send as X-CSRF-Token with every change' }),
    expiresAt: INSTANT,
    personId: UUID,
    role: PERSON_ROLE,
    organisationId: ORGANISATION_ID_SCHEMA,
  }),
);
export const SIGNED_IN_EXAMPLE = {
  csrfToken: 'K1WFaGai77Y_yS6q_nRxP5qfTUFPJwslJczkRWhz6H4',
  expiresAt: '2026-12-03T22:35:01.442Z',
  personId: 'd17d1a93-4e7d-53a3-adaa-e9e29312cf57',
  role: 'org_admin',
  organisationId: 'refuge-75',
};
export const SESSION_COOKIE_HEADER = { 'Set-Cookie': { description: 'The session cookie (HttpOnly, SameSite=Strict)', schema: text() } };

export const SESSION = named(
  'Session',
  object({
    csrfToken: orNull(text()),
    expiresAt: orNull(INSTANT),
    personId: orNull(UUID),
    email: orNull(text()),
    role: oneOfValues(ROLES),
    organisationId: ORGANISATION_ID_SCHEMA,
    organisationKind: orNull(oneOfValues(ORGANISATION_KINDS)),
  }),
);
export const SESSION_EXAMPLE = { ...SIGNED_IN_EXAMPLE, email: 'lea.admin@refuge.example', organisationKind: null };

export const SIGN_IN_OPTIONS = named('SignInOptions', object({ oidc: boolean(), passkey: boolean(), passwordWithCode: boolean() }));
export const SIGN_IN_OPTIONS_EXAMPLE = { oidc: false, passkey: true, passwordWithCode: true };

export const PASSKEY_CHALLENGE = named('PasskeyChallenge', object({ challengeId: text(), options: WEBAUTHN_OPTIONS }));
export const PASSKEY_CHALLENGE_EXAMPLE = {
  challengeId: 'BQo31suaQk2ZmI113h1Ej_t4Gb1t94-D',
  options: { rpId: 'localhost', challenge: 'oUMDArsb6CNIONpHgH4jD7VesHbFN82RD03V845WhbQ', timeout: 60000, userVerification: 'required' },
};

export const INVITATION = named(
  'Invitation',
  object({
    email: text(),
    role: PERSON_ROLE,
    organisationId: ORGANISATION_ID_SCHEMA,
    expiresAt: INSTANT,
    passkey: object({ challengeId: text(), options: WEBAUTHN_OPTIONS }),
    totp: object({ challengeId: text(), secret: text(), uri: text({ description: 'otpauth:// URI for an authenticator app' }) }),
  }),
);
export const INVITATION_EXAMPLE = {
  email: 'lea.admin@refuge.example',
  role: 'org_admin',
  organisationId: 'refuge-75',
  expiresAt: '2026-12-10T10:35:00.943Z',
  passkey: { challengeId: 'QaT-2d4ikjKoeEcmWln7cOBPgcI_OOFM', options: { challenge: '8hMDIzJaNqDV7fQ5B4mifPhtGG3uop9gGzyyapRRng4' } },
  totp: {
    challengeId: 'p2Xw…',
    secret: 'JBSWY3DPEHPK3PXP',
    uri: 'otpauth://totp/Passerelle:lea.admin%40refuge.example?secret=JBSWY3DPEHPK3PXP',
  },
};

export const OIDC_LOGIN = named('OidcLogin', object({ loginUrl: text({ description: 'Open it to sign in at the identity provider' }) }));
export const OIDC_LOGIN_EXAMPLE = { loginUrl: '/auth/oidc/login?invitation=8f3c…' };
