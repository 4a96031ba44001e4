import { CONSENT_CATEGORIES, KEY_ROLES, PERSON_ROLES } from '@passerelle/domain';
import { arrayOf, INSTANT, named, object, oneOfValues, orNull, ORGANISATION_ID_SCHEMA, POSITION, text, UUID } from '@passerelle/http';

const PERSON_ROLE = oneOfValues(PERSON_ROLES);
const KEY_ROLE = oneOfValues(KEY_ROLES);
const PERSON_STATUS = oneOfValues(['invited', 'active', 'removed']);
const PERSON_ID = '1cadc97b-a438-5492-a95f-86976043478e';

export const MEMBER_INVITED = named(
  'MemberInvited',
  object({
    invitationId: UUID,
    personId: UUID,
    role: PERSON_ROLE,
    expiresAt: INSTANT,
    invitationUrl: text({ format: 'uri', description: 'Shown once: the link to send her' }),
    position: POSITION,
  }),
);
export const MEMBER_INVITED_EXAMPLE = {
  invitationId: '27a2d49a-21be-5ce8-a37a-bd10de09efe3',
  personId: PERSON_ID,
  role: 'caseworker',
  expiresAt: '2026-12-10T10:34:13.836Z',
  invitationUrl: 'https://passerelle.example/console/#invitation=pinv_hy3ryZh2uPL-Y7NAKnfDBOJhkoJLyaQEeHupB-5r-wM',
  position: '9',
};

export const MEMBER_ROLE_CHANGED = named(
  'MemberRoleChanged',
  object({ personId: UUID, role: PERSON_ROLE, position: orNull({ ...POSITION, description: 'null when she already had this role' }) }),
);
export const MEMBER_ROLE_CHANGED_EXAMPLE = { personId: PERSON_ID, role: 'org_admin', position: '12' };

export const MEMBERS = named(
  'MemberList',
  object({
    items: arrayOf(
      object({
        personId: UUID,
        email: text(),
        role: PERSON_ROLE,
        status: PERSON_STATUS,
        invitedAt: INSTANT,
        invitationExpiresAt: orNull(INSTANT),
      }),
    ),
  }),
);
export const MEMBERS_EXAMPLE = {
  items: [
    {
      personId: PERSON_ID,
      email: 'lea.admin@refuge.example',
      role: 'org_admin',
      status: 'active',
      invitedAt: '2026-12-03T10:35:00.963Z',
      invitationExpiresAt: null,
    },
  ],
};

export const MEMBER_ACTIVITY = named(
  'MemberActivity',
  object({
    personId: UUID,
    role: PERSON_ROLE,
    status: PERSON_STATUS,
    reads: arrayOf(
      object({
        readAt: INSTANT,
        caseId: UUID,
        via: text(),
        referralId: orNull(UUID),
        categories: arrayOf(oneOfValues(CONSENT_CATEGORIES)),
      }),
    ),
    events: arrayOf(object({ position: POSITION, type: text(), stream: text(), at: INSTANT })),
    webhookActions: arrayOf(
      object({ webhookId: UUID, action: oneOfValues(['registered', 'deleted', 'secret_rotated', 'replayed']), at: INSTANT }),
    ),
  }),
);
export const MEMBER_ACTIVITY_EXAMPLE = {
  personId: PERSON_ID,
  role: 'caseworker',
  status: 'active',
  reads: [
    {
      readAt: '2026-12-03T10:35:03.721Z',
      caseId: '8f144efd-5d10-5f4d-aa9f-c168cdd0b7f8',
      via: 'inbox',
      referralId: 'e5355250-afda-5773-ad1a-8f7024c07e41',
      categories: ['identity'],
    },
  ],
  events: [{ position: '7', type: 'MemberJoined', stream: 'organisation-refuge-75', at: '2026-12-03T10:35:03.050Z' }],
  webhookActions: [],
};

export const API_KEY_ISSUED = named(
  'ApiKeyIssued',
  object({
    id: UUID,
    keyId: UUID,
    key: text({ pattern: '^psk_', description: 'The secret, shown once' }),
    role: KEY_ROLE,
    label: text(),
    organisationId: ORGANISATION_ID_SCHEMA,
    expiresAt: orNull(INSTANT),
    position: POSITION,
  }),
);
export const API_KEY_ISSUED_EXAMPLE = {
  id: 'bd1175c9-e3bb-5b27-8ab2-bd79e73dcfa4',
  keyId: 'bd1175c9-e3bb-5b27-8ab2-bd79e73dcfa4',
  key: 'psk_JGQ6ge7fEvH6ev-gtmRyZMJ6bMbZ42bAR3P9RULiCb4',
  role: 'partner',
  label: 'case system',
  organisationId: 'refuge-93',
  expiresAt: '2027-12-03T10:34:13.521Z',
  position: '4',
};

export const API_KEYS = named(
  'ApiKeyList',
  object({
    items: arrayOf(
      object({
        id: UUID,
        label: text(),
        role: KEY_ROLE,
        createdBy: orNull(text({ description: 'person:<id> or key:<id>' })),
        createdAt: INSTANT,
        lastUsedAt: orNull(INSTANT),
        expiresAt: orNull(INSTANT),
        revokedAt: orNull(INSTANT),
      }),
    ),
  }),
);
export const API_KEYS_EXAMPLE = {
  items: [
    {
      id: 'd5955c45-1eba-5327-941f-c471e43f5665',
      label: 'case system',
      role: 'partner',
      createdBy: 'person:d17d1a93-4e7d-53a3-adaa-e9e29312cf57',
      createdAt: '2026-12-03T10:35:02.449Z',
      lastUsedAt: null,
      expiresAt: '2027-12-03T10:35:02.406Z',
      revokedAt: null,
    },
  ],
};
