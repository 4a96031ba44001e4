import type { MigrationSet } from '@passerelle/migrations';

/**
 * Any change that takes a credential away (a key revoked or expired early, a person removed or given
 * another role, a session ended) notifies channel `passerelle_auth` on commit, whoever made it (the
 * API, the CLI, an operator's SQL): every process drops its cached credentials at once
 * (libs/auth/src/auth-invalidation.ts). Statement-level, so a bulk change sends one notification.
 */
const notifyOn = (table: string, columns: string) => [
  `CREATE OR REPLACE TRIGGER ${table}_notify_auth AFTER UPDATE OF ${columns} OR DELETE ON ${table}
   FOR EACH STATEMENT EXECUTE FUNCTION passerelle_notify_auth()`,
];

/** The API keys, people, invitations and sessions tables (docs/adr/0006-one-schema-mechanism.md). */
export const AUTH_MIGRATIONS: MigrationSet = {
  module: 'auth',
  migrations: [
    {
      id: '0001',
      name: 'create-api-keys',
      up: () => `
        CREATE TABLE IF NOT EXISTS api_keys (
          key_id text PRIMARY KEY,
          organisation_id text NOT NULL,
          role text NOT NULL,
          key_hash bytea NOT NULL UNIQUE,
          created_at timestamptz NOT NULL DEFAULT now(),
          revoked_at timestamptz
        )`,
    },
    {
      id: '0002',
      name: 'people-and-revocable-keys',
      up: () => [
        // The bootstrap key was the only admin key ever issued; `admin` is now `network_admin`.
        `ALTER TABLE api_keys
           ADD COLUMN IF NOT EXISTS label text NOT NULL DEFAULT '',
           ADD COLUMN IF NOT EXISTS created_by text NULL,
           ADD COLUMN IF NOT EXISTS expires_at timestamptz NULL,
           ADD COLUMN IF NOT EXISTS last_used_at timestamptz NULL,
           ADD COLUMN IF NOT EXISTS bootstrap boolean NOT NULL DEFAULT false`,
        `UPDATE api_keys SET bootstrap = true, label = 'bootstrap' WHERE role = 'admin'`,
        `UPDATE api_keys SET role = 'network_admin' WHERE role = 'admin'`,
        `CREATE INDEX IF NOT EXISTS api_keys_organisation_idx ON api_keys (organisation_id, created_at)`,
        `CREATE TABLE IF NOT EXISTS auth_people (
           person_id       text PRIMARY KEY,
           organisation_id text NOT NULL,
           email           text NOT NULL,
           role            text NOT NULL,
           status          text NOT NULL CHECK (status IN ('invited', 'active', 'removed')),
           created_at      timestamptz NOT NULL DEFAULT now(),
           removed_at      timestamptz NULL
         )`,
        // One live account per e-mail address: an invitation to an address already in use is refused.
        `CREATE UNIQUE INDEX IF NOT EXISTS auth_people_email_idx ON auth_people (lower(email)) WHERE status <> 'removed'`,
        `CREATE INDEX IF NOT EXISTS auth_people_organisation_idx ON auth_people (organisation_id)`,
        `CREATE TABLE IF NOT EXISTS auth_invitations (
           invitation_id   text PRIMARY KEY,
           person_id       text NOT NULL REFERENCES auth_people (person_id),
           organisation_id text NOT NULL,
           token_hash      bytea NOT NULL UNIQUE,
           expires_at      timestamptz NOT NULL,
           accepted_at     timestamptz NULL
         )`,
        `CREATE TABLE IF NOT EXISTS auth_sessions (
           session_hash    bytea PRIMARY KEY,
           session_id      text NOT NULL UNIQUE,
           person_id       text NOT NULL REFERENCES auth_people (person_id),
           csrf_token      text NOT NULL,
           created_at      timestamptz NOT NULL,
           last_seen_at    timestamptz NOT NULL,
           expires_at      timestamptz NOT NULL,
           revoked_at      timestamptz NULL
         )`,
        `CREATE INDEX IF NOT EXISTS auth_sessions_person_idx ON auth_sessions (person_id) WHERE revoked_at IS NULL`,
        `CREATE OR REPLACE FUNCTION passerelle_notify_auth() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           PERFORM pg_notify('passerelle_auth', TG_TABLE_NAME);
           RETURN NULL;
         END $$`,
        ...notifyOn('api_keys', 'revoked_at, expires_at, role, organisation_id'),
        ...notifyOn('auth_people', 'status, role, organisation_id'),
        ...notifyOn('auth_sessions', 'revoked_at, expires_at'),
      ],
    },
    {
      id: '0003',
      name: 'sign-in-credentials',
      up: () => [
        // Never a password alone: a password row always carries its TOTP secret (sealed, libs/auth/src/totp-box.ts).
        `CREATE TABLE IF NOT EXISTS auth_passwords (
           person_id     text PRIMARY KEY REFERENCES auth_people (person_id),
           password_hash text NOT NULL,
           totp_sealed   bytea NOT NULL,
           last_totp_step bigint NULL,
           created_at    timestamptz NOT NULL DEFAULT now()
         )`,
        `CREATE TABLE IF NOT EXISTS auth_passkeys (
           credential_id text PRIMARY KEY,
           person_id     text NOT NULL REFERENCES auth_people (person_id),
           public_key    bytea NOT NULL,
           counter       bigint NOT NULL,
           transports    text[] NOT NULL DEFAULT '{}',
           created_at    timestamptz NOT NULL DEFAULT now(),
           last_used_at  timestamptz NULL
         )`,
        `CREATE TABLE IF NOT EXISTS auth_oidc_identities (
           issuer     text NOT NULL,
           subject    text NOT NULL,
           person_id  text NOT NULL REFERENCES auth_people (person_id),
           created_at timestamptz NOT NULL DEFAULT now(),
           PRIMARY KEY (issuer, subject)
         )`,
        // One-time ceremonies (a WebAuthn challenge, a TOTP enrolment, an OpenID Connect login): shared by every process.
        `CREATE TABLE IF NOT EXISTS auth_challenges (
           challenge_id text PRIMARY KEY,
           purpose      text NOT NULL,
           payload      jsonb NOT NULL,
           expires_at   timestamptz NOT NULL
         )`,
        `CREATE TABLE IF NOT EXISTS auth_throttle (
           bucket        text PRIMARY KEY,
           failures      int NOT NULL,
           window_start  timestamptz NOT NULL
         )`,
      ],
    },
  ],
};
