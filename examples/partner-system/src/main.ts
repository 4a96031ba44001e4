import { Pool } from 'pg';
import { passerelleClient } from './passerelle';
import { startPartnerSystem } from './partner-system';

/**
 * `node dist/examples/partner-system/src/main.js` (examples/partner-system/README.md):
 * PASSERELLE_URL, PASSERELLE_API_KEY (a partner key), PARTNER_DATABASE_URL, and optionally PORT
 * (8090) and PARTNER_PUBLIC_URL (where the network reaches this system).
 */
function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    console.error(`partner-system: ${name} is required (see examples/partner-system/README.md)`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: required('PARTNER_DATABASE_URL') });
  const system = await startPartnerSystem({
    passerelle: passerelleClient(required('PASSERELLE_URL'), required('PASSERELLE_API_KEY')),
    pool,
    port: Number(process.env.PORT ?? 8090),
    ...(process.env.PARTNER_PUBLIC_URL ? { publicUrl: process.env.PARTNER_PUBLIC_URL } : {}),
  });
  console.log(`partner-system: answering referrals to ${system.organisationId}; webhooks at ${system.webhookUrl}`);
  const stop = () => void system.close().then(() => pool.end());
  process.once('SIGINT', stop).once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('partner-system: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
