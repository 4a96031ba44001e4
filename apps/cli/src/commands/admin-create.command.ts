import { PeopleStore } from '@passerelle/auth';
import { commandEnvelope, commandId, handleCommand, type CommandContext } from '@passerelle/command-handling';
import { migrateSchema, openEventStore } from '@passerelle/composition';
import { createPool } from '@passerelle/database';
import { NETWORK_ORGANISATION, organisationDecider, organisationStream } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import type { CliCommand, CliContext } from '../cli-command';

/** An invitation made at the command line lasts a day: the operator hands it over at once. */
const LIFETIME_MS = 24 * 3600 * 1000;

/**
 * The operator at the command line: the events it appends name this actor, so history shows that
 * the first network admin was let in by whoever runs the servers, not by someone signed in.
 */
export const OPERATOR_ACTOR = {
  organisationId: NETWORK_ORGANISATION,
  organisationKind: null,
  role: 'network_admin',
  keyId: 'operator-cli',
  personId: null,
} as const;

/**
 * `npm run cli -- admin create --email …`: invites a network admin person (MemberInvited on the
 * network's own organisation) and prints her one-time invitation link. The link is the only way in
 * it opens; it is printed to the operator's terminal, never logged.
 */
export const adminCreate: CliCommand = {
  words: ['admin', 'create'],
  usage: 'admin create --email <address>',
  summary: 'Invite a network admin person; prints a one-time invitation link',
  async run(args: string[], context: CliContext): Promise<void> {
    const email = emailArgument(args);
    await migrateSchema(context.databaseUrl, 'cli');
    const pool = createPool({ connectionString: context.databaseUrl, service: 'cli', purpose: 'platform', max: 2 });
    const store = await openEventStore({ databaseUrl: context.databaseUrl, eventStore: context.config.eventStore }, 'cli');
    try {
      const people = new PeopleStore(pool);
      if (await people.emailInUse(email)) throw new Error(`${email} already has an account`);
      const command: CommandContext = { actor: { ...OPERATOR_ACTOR }, now: new Date(), correlationId: randomUUID(), idSeed: randomUUID() };
      const invited = {
        organisationId: NETWORK_ORGANISATION,
        invitationId: commandId(command, 'invitation'),
        personId: commandId(command, 'person'),
        role: 'network_admin' as const,
        expiresAt: new Date(command.now.getTime() + LIFETIME_MS).toISOString(),
      };
      const stream = organisationStream(NETWORK_ORGANISATION);
      await handleCommand(
        store,
        stream,
        { type: 'InviteMember', data: invited, metadata: command },
        {
          ...organisationDecider,
          envelope: commandEnvelope(command, stream, () => ({ [NETWORK_ORGANISATION]: [] })),
        },
      );
      const token = await people.invite({ ...invited, email });
      report(context, email, token, invited.expiresAt);
    } finally {
      await store.close();
      await pool.end().catch(() => undefined);
    }
  },
};

function emailArgument(args: string[]): string {
  const at = args.indexOf('--email');
  const email = at >= 0 ? args[at + 1] : undefined;
  if (!email || args.length !== 2 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new Error('usage: npm run cli -- admin create --email <address>');
  }
  return email;
}

function report(context: CliContext, email: string, token: string, expiresAt: string): void {
  const base = (context.config.publicUrl ?? `http://localhost:${context.config.http.port}`).replace(/\/$/, '');
  context.out(`Invited ${email} as network_admin. Send her this link (valid until ${expiresAt}, usable once):`);
  context.out(`  ${base}/console/#invitation=${token}`);
}
