import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MasterKey } from '@passerelle/privacy';

/**
 * Where the embedded default keeps its master key: `<dataDir>/secrets.json`, unless
 * PASSERELLE_MASTER_KEY is set (the variable wins over the file, so the file would be the wrong
 * place to put a new key).
 */
export function embeddedSecretsFile(config: { mode: string; dataDir: string; masterKey: string | undefined }): string | null {
  return config.mode === 'embedded' && config.masterKey === undefined ? join(config.dataDir, 'secrets.json') : null;
}

/**
 * The new key is written next to secrets.json BEFORE the data keys are rewrapped, then moved over
 * it once the rewrap has committed: whatever step fails, one of the two files holds the key that
 * opens the data, so a crash can never leave the data keys wrapped under a key nobody has.
 */
export class StagedSecretsFile {
  private readonly staged: string;

  constructor(
    private readonly file: string,
    next: MasterKey,
  ) {
    this.staged = `${file}.rotating`;
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(this.staged, `${JSON.stringify({ ...secrets, masterKey: next.encode() }, null, 2)}\n`, { mode: 0o600 });
  }

  /** After the rewrap committed: rename is atomic, so secrets.json is always whole. */
  commit(): void {
    renameSync(this.staged, this.file);
  }

  /** The rewrap rolled back: the old key in secrets.json still opens everything. */
  discard(): void {
    rmSync(this.staged, { force: true });
  }
}
