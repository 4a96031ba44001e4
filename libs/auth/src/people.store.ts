import { inTransaction } from '@passerelle/database';
import { conflict, type PersonRole } from '@passerelle/domain';
import { hash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { AuthInvalidation } from './auth-invalidation';

export type PersonStatus = 'invited' | 'active' | 'removed';

export interface PersonRecord {
  personId: string;
  organisationId: string;
  email: string;
  role: PersonRole;
  status: PersonStatus;
  createdAt: string;
}

export interface InvitationRecord {
  invitationId: string;
  personId: string;
  organisationId: string;
  email: string;
  role: PersonRole;
  expiresAt: string;
  acceptedAt: string | null;
}

interface PersonRow {
  person_id: string;
  organisation_id: string;
  email: string;
  role: PersonRole;
  status: PersonStatus;
  created_at: Date;
}

const toPerson = (row: PersonRow): PersonRecord => ({
  personId: row.person_id,
  organisationId: row.organisation_id,
  email: row.email,
  role: row.role,
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const hashToken = (token: string) => hash('sha256', token, 'buffer');

/**
 * People and their invitations, beside the organisation stream whose events decide them
 * (MemberInvited, MemberJoined, MemberRoleChanged, MemberRemoved): the stream holds who could do
 * what and when; this table holds what may not be in an event (the e-mail address) and what the
 * sign-in path reads on every request (status and role). Invitation secrets are stored hashed.
 */
export class PeopleStore {
  constructor(
    private readonly pool: Pool,
    private readonly invalidation: AuthInvalidation | null = null,
  ) {}

  async emailInUse(email: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM auth_people WHERE lower(email) = $1 AND status <> 'removed'`, [
      normaliseEmail(email),
    ]);
    return (rowCount ?? 0) > 0;
  }

  /** Stores an invited person and her invitation; returns the invitation's secret, shown once. */
  async invite(invitation: Omit<InvitationRecord, 'acceptedAt'>): Promise<string> {
    const token = `pinv_${randomBytes(32).toString('base64url')}`;
    try {
      await inTransaction(this.pool, async (client) => {
        await client.query(
          `INSERT INTO auth_people (person_id, organisation_id, email, role, status) VALUES ($1, $2, $3, $4, 'invited')
         ON CONFLICT (person_id) DO NOTHING`,
          [invitation.personId, invitation.organisationId, normaliseEmail(invitation.email), invitation.role],
        );
        await client.query(
          `INSERT INTO auth_invitations (invitation_id, person_id, organisation_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (invitation_id) DO UPDATE SET token_hash = EXCLUDED.token_hash`,
          [invitation.invitationId, invitation.personId, invitation.organisationId, hashToken(token), invitation.expiresAt],
        );
      });
      return token;
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505')
        throw conflict('MEMBER.ALREADY_EXISTS', 'This e-mail address already has an account');
      throw error;
    }
  }

  async invitationByToken(token: string): Promise<InvitationRecord | null> {
    if (!/^pinv_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const { rows } = await this.pool.query<{
      invitation_id: string;
      person_id: string;
      organisation_id: string;
      email: string;
      role: PersonRole;
      expires_at: Date;
      accepted_at: Date | null;
    }>(
      `SELECT i.invitation_id, i.person_id, i.organisation_id, p.email, p.role, i.expires_at, i.accepted_at
       FROM auth_invitations i JOIN auth_people p USING (person_id)
       WHERE i.token_hash = $1 AND p.status <> 'removed'`,
      [hashToken(token)],
    );
    const row = rows[0];
    return row
      ? {
          invitationId: row.invitation_id,
          personId: row.person_id,
          organisationId: row.organisation_id,
          email: row.email,
          role: row.role,
          expiresAt: row.expires_at.toISOString(),
          acceptedAt: row.accepted_at?.toISOString() ?? null,
        }
      : null;
  }

  async markJoined(invitationId: string, personId: string): Promise<void> {
    await this.pool.query(
      `WITH accepted AS (UPDATE auth_invitations SET accepted_at = now() WHERE invitation_id = $1 AND accepted_at IS NULL)
       UPDATE auth_people SET status = 'active' WHERE person_id = $2 AND status = 'invited'`,
      [invitationId, personId],
    );
  }

  async find(personId: string): Promise<PersonRecord | null> {
    const { rows } = await this.pool.query<PersonRow>(
      'SELECT person_id, organisation_id, email, role, status, created_at FROM auth_people WHERE person_id = $1',
      [personId],
    );
    return rows[0] ? toPerson(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<PersonRecord | null> {
    const { rows } = await this.pool.query<PersonRow>(
      `SELECT person_id, organisation_id, email, role, status, created_at FROM auth_people WHERE lower(email) = $1 AND status <> 'removed'`,
      [normaliseEmail(email)],
    );
    return rows[0] ? toPerson(rows[0]) : null;
  }

  /** The organisation's people (removed ones excluded), oldest first. */
  async list(organisationId: string): Promise<PersonRecord[]> {
    const { rows } = await this.pool.query<PersonRow>(
      `SELECT person_id, organisation_id, email, role, status, created_at FROM auth_people
       WHERE organisation_id = $1 AND status <> 'removed' ORDER BY created_at, person_id`,
      [organisationId],
    );
    return rows.map(toPerson);
  }

  async setRole(personId: string, role: PersonRole): Promise<void> {
    await this.pool.query('UPDATE auth_people SET role = $2 WHERE person_id = $1', [personId, role]);
    this.invalidation?.invalidate();
  }

  /** Removed at once everywhere: her sessions end in the same transaction, and the trigger tells every process. */
  async remove(personId: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(`UPDATE auth_people SET status = 'removed', removed_at = now() WHERE person_id = $1 AND status <> 'removed'`, [
        personId,
      ]);
      await client.query('UPDATE auth_sessions SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL', [personId]);
    });
    this.invalidation?.invalidate();
  }
}
