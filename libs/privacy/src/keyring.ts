import { createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { migrate } from '@passerelle/migrations';
import type { Pool } from 'pg';
import { unwrapDataKey, wrapDataKey } from './data-key-wrap';
import { caseKeyInserts, destroyCaseKey, selectCaseKey, type CaseKeyRow } from './keyring.schema';
import { PRIVACY_MIGRATIONS } from './privacy.migration';
import { normaliseCaseId } from './case-id';
import { LruTtlCache } from './lru-ttl-cache';
import { MASTER_KEY_VARIABLE, type MasterKey } from './master-key';
import { rewrapAllDataKeys, type RotationStep } from './master-key-rotation';
import { PrivacyError } from './privacy-error';
import { openValue, sealValue } from './sealed-value';

export interface KeyringOptions {
  /** Unwrapped data keys kept in memory (default 10,000). */
  cacheSize?: number;
  /** How long a cached key is trusted (default 60 s): the longest another process may still open an erased case. */
  cacheTtlMs?: number;
  /** Rows rewrapped per statement during rotation (default 500). */
  rotationBatchSize?: number;
  /** Clock for the cache TTL; tests inject one instead of waiting. */
  now?: () => number;
}

export interface DataKeyInfo {
  caseId: string;
  masterKeyId: string;
  createdAt: Date;
  /** True for the call that created the key, false when it already existed. */
  created: boolean;
}

/**
 * A new row of a key table, as the event store writes it beside an append (the shape of its
 * `RowAlongside`, libs/event-store/src/event-store.port.ts, which this module does not import).
 */
export interface KeyRow {
  table: string;
  key: string;
  values: Record<string, string>;
}

/**
 * A data key made for a case identified now, not yet stored: what it seals is readable once `row`
 * is written in the same transaction as the event that carries it (AppendOptions.alongside of the
 * event store, docs/adr/0017-keys-in-the-append-transaction.md).
 */
export interface NewDataKey {
  /** The key's row of `privacy_case_keys`, wrapped by the master key, as the event store writes it. */
  readonly row: KeyRow;
  /** As Keyring.sealPersonal, under this key. */
  sealPersonal<C extends string>(byCategory: Partial<Record<C, object>>): Partial<Record<C, string>>;
  /** Once its row is committed: keeps the key in this process's cache, as a stored key would be. */
  stored(): void;
}

const DESTROYED = Symbol('destroyed');
type CachedKey = KeyObject | typeof DESTROYED;

/**
 * Per-case data keys (AES-256-GCM) wrapped by the master key, with crypto-shredding (docs/consent-and-privacy.md#how-erasure-works).
 *
 * WARNING, erasure and caches: `destroy` evicts this process's cache at once, but another process
 * that opened the case recently keeps the unwrapped key in its cache until `cacheTtlMs` (60 s by
 * default) has passed since it loaded it. Within that window it can still open her fields.
 *
 * WARNING, wrong master key: a row wrapped under another master key id (e.g. after a rotation this
 * process did not take part in) makes `open`, `seal` and `createDataKey` throw
 * PRIVACY.WRONG_MASTER_KEY rather than return null: null means "erased", and a misconfigured
 * process must not render every person as erased.
 */
export class Keyring {
  #master: MasterKey;
  readonly #cache: LruTtlCache<string, CachedKey>;
  readonly #rotationBatchSize: number;
  readonly #inserts: ReturnType<typeof caseKeyInserts>;

  constructor(
    private readonly pool: Pool,
    master: MasterKey,
    options: KeyringOptions = {},
  ) {
    this.#master = master;
    this.#cache = new LruTtlCache(options.cacheSize ?? 10_000, options.cacheTtlMs ?? 60_000, options.now ?? Date.now);
    this.#rotationBatchSize = options.rotationBatchSize ?? 500;
    this.#inserts = caseKeyInserts(pool);
  }

  get masterKeyId(): string {
    return this.#master.id;
  }

  /** Applies the privacy migrations (for tools and tests; the apps apply every module's at start). */
  async migrate(): Promise<void> {
    await migrate(this.pool, [PRIVACY_MIGRATIONS]);
  }

  /**
   * Checks, at start, that this master key opens the data keys already stored (the newest live one,
   * unwrapped and dropped): a process started with another key would otherwise run, and fail every
   * read of a case written before. Throws PRIVACY.WRONG_MASTER_KEY saying what to do; a store with no
   * live key passes.
   */
  async checkMasterKey(): Promise<void> {
    const {
      rows: [row],
    } = await this.pool.query<{ case_id: string; wrapped_key: Buffer; master_key_id: string }>(
      'SELECT case_id, wrapped_key, master_key_id FROM privacy_case_keys WHERE wrapped_key IS NOT NULL ORDER BY created_at DESC LIMIT 1',
    );
    if (!row) return;
    const raw = row.master_key_id === this.#master.id ? unwrapDataKey(this.#master, row.case_id, row.wrapped_key) : null;
    if (raw !== null) {
      raw.fill(0);
      return;
    }
    throw new PrivacyError(
      'PRIVACY.WRONG_MASTER_KEY',
      `${MASTER_KEY_VARIABLE} (master key "${this.#master.id}") does not open the data keys already stored ` +
        `(the newest is wrapped under master key "${row.master_key_id}"): start with the key they were wrapped with, ` +
        'or rotate them (npm run cli -- keys rotate-master, network stopped, with the old key).',
    );
  }

  /** Idempotent and race safe. Throws PRIVACY.KEY_DESTROYED for an erased case: she never gets a new key. */
  async createDataKey(caseId: string): Promise<DataKeyInfo> {
    const id = normaliseCaseId(caseId);
    const { row, created } = await this.#selectOrInsert(id);
    if (this.#admit(id, row) === DESTROYED || row.master_key_id === null) throw keyDestroyed();
    return { caseId: id, masterKeyId: row.master_key_id, createdAt: row.created_at, created };
  }

  /**
   * A new data key for the case, held in memory until its row is written with her identification's
   * event; null when this process already knows her key (or her erasure), which must then be used
   * (`sealPersonal`). An append refused because her row already exists (a retried identification,
   * an erased case) is made again with `sealPersonal`, which takes the stored key.
   */
  newDataKey(caseId: string): NewDataKey | null {
    const id = normaliseCaseId(caseId);
    if (this.#cache.peek(id) !== undefined) return null;
    const raw = randomBytes(32);
    const wrapped = wrapDataKey(this.#master, id, raw);
    const key = createSecretKey(raw);
    raw.fill(0);
    return {
      row: {
        table: 'privacy_case_keys',
        key: 'case_id',
        values: { case_id: id, wrapped_key: `\\x${wrapped.toString('hex')}`, master_key_id: this.#master.id },
      },
      sealPersonal: (byCategory) => sealCategories(byCategory, (value, label) => sealValue(key, id, label, value)),
      stored: () => {
        if (this.#cache.peek(id) === undefined) this.#cache.set(id, key);
      },
    };
  }

  /** Seals a JSON value as `v1.<iv>.<tag>.<ciphertext>`, creating the case's key if needed. `label` must match at open. */
  async seal(caseId: string, value: unknown, label = ''): Promise<string> {
    const id = normaliseCaseId(caseId);
    const key = this.#cache.get(id) ?? this.#admit(id, (await this.#selectOrInsert(id)).row);
    if (key === DESTROYED) throw keyDestroyed();
    return sealValue(key, id, label, value);
  }

  /** The sealed value, or null when her key was destroyed: render her fields as gone. PRIVACY.TAMPERED if altered or moved. */
  async open<T>(caseId: string, sealed: string, label = ''): Promise<T | null> {
    const id = normaliseCaseId(caseId);
    const key = await this.#existingKey(id);
    return key === DESTROYED ? null : (openValue(key, id, label, sealed) as T);
  }

  /**
   * One sealed string per consent category, so each can be disclosed (or withheld) on its own.
   * Each is bound to its category: open them with `openPersonal`, not `open`.
   */
  async sealPersonal<C extends string>(caseId: string, byCategory: Partial<Record<C, object>>): Promise<Partial<Record<C, string>>> {
    const id = normaliseCaseId(caseId);
    // Nothing to seal, no key made: her case gets one with its first sealed field.
    if (Object.values(byCategory).every((value) => value === undefined)) return {};
    const key = this.#cache.get(id) ?? this.#admit(id, (await this.#selectOrInsert(id)).row);
    if (key === DESTROYED) throw keyDestroyed();
    return sealCategories(byCategory, (value, label) => sealValue(key, id, label, value));
  }

  /**
   * Opens only the listed categories (those the reader may see): the others are never decrypted.
   * Null when her key was destroyed.
   */
  async openPersonal<C extends string, T = Record<string, unknown>>(
    caseId: string,
    sealed: Readonly<Partial<Record<string, string>>>,
    categories: readonly C[],
  ): Promise<Partial<Record<C, T>> | null> {
    const opened: Partial<Record<C, T>> = {};
    for (const category of categories) {
      const blob = sealed[category];
      if (blob === undefined) continue;
      const value = await this.open<T>(caseId, blob, personalLabel(category));
      if (value === null) return null;
      opened[category] = value;
    }
    // Nothing was decrypted, so nothing told us yet whether she was erased: ask, to answer null consistently.
    if (Object.keys(opened).length === 0 && (await this.isDestroyed(caseId))) return null;
    return opened;
  }

  /** Crypto-shreds the case: the wrapped key becomes NULL, the row stays as a tombstone. True if a live key was destroyed. */
  async destroy(caseId: string): Promise<boolean> {
    const id = normaliseCaseId(caseId);
    const destroyed = await destroyCaseKey(this.pool, id);
    this.#cache.set(id, DESTROYED);
    return destroyed;
  }

  async isDestroyed(caseId: string): Promise<boolean> {
    const id = normaliseCaseId(caseId);
    if (this.#cache.peek(id) === DESTROYED) return true;
    const row = await selectCaseKey(this.pool, id);
    return row?.destroyed_at != null;
  }

  /**
   * Rewraps every live data key under `next` in one transaction and switches this keyring to it.
   * Afterwards a keyring built with the old master key gets PRIVACY.WRONG_MASTER_KEY; restart
   * every process with the new key (they would otherwise keep creating keys under the old one).
   */
  async rotateMaster(next: MasterKey, alsoInTransaction: RotationStep[] = []): Promise<number> {
    if (next.id === this.#master.id) {
      if (timingSafeEqual(next.material(), this.#master.material())) return 0;
      throw new PrivacyError('PRIVACY.MASTER_KEY_ID_REUSED', `the new master key reuses the id "${next.id}" of the current one`);
    }
    const count = await rewrapAllDataKeys(this.pool, this.#master, next, this.#rotationBatchSize, alsoInTransaction);
    this.#master = next;
    return count;
  }

  async #existingKey(id: string): Promise<CachedKey> {
    const cached = this.#cache.get(id);
    if (cached !== undefined) return cached;
    const row = await selectCaseKey(this.pool, id);
    if (row === null) throw new PrivacyError('PRIVACY.KEY_NOT_FOUND', 'no data key exists for this case');
    return this.#admit(id, row);
  }

  async #selectOrInsert(id: string): Promise<{ row: CaseKeyRow; created: boolean }> {
    // Insert first: a data key is almost always created for a new case, so this is one statement;
    // an existing row (a retried identification, a tombstone) costs a second read.
    const dataKey = randomBytes(32);
    const inserted = await this.#inserts.insert({
      caseId: id,
      wrapped: wrapDataKey(this.#master, id, dataKey),
      masterKeyId: this.#master.id,
    });
    dataKey.fill(0);
    if (inserted !== null) return { row: inserted, created: true };
    const existing = await selectCaseKey(this.pool, id);
    if (existing === null) throw new PrivacyError('PRIVACY.KEY_NOT_FOUND', 'the data key row vanished while being created');
    return { row: existing, created: false };
  }

  /** Unwraps a row into the cache. A local erasure is final: a key read before it never overwrites the tombstone. */
  #admit(id: string, row: CaseKeyRow): CachedKey {
    if (this.#cache.peek(id) === DESTROYED || row.wrapped_key === null) {
      this.#cache.set(id, DESTROYED);
      return DESTROYED;
    }
    if (row.master_key_id !== this.#master.id) {
      throw new PrivacyError(
        'PRIVACY.WRONG_MASTER_KEY',
        `this case's data key is wrapped under master key "${row.master_key_id ?? ''}" but this process has "${this.#master.id}"`,
      );
    }
    const raw = unwrapDataKey(this.#master, id, row.wrapped_key);
    if (raw === null) {
      throw new PrivacyError(
        'PRIVACY.WRONG_MASTER_KEY',
        `master key "${this.#master.id}" does not unwrap this case's data key (other key with the same id, or altered row)`,
      );
    }
    const key = createSecretKey(raw);
    raw.fill(0);
    this.#cache.set(id, key);
    return key;
  }
}

const personalLabel = (category: string): string => `personal.${category}`;

function sealCategories<C extends string>(
  byCategory: Partial<Record<C, object>>,
  seal: (value: object, label: string) => string,
): Partial<Record<C, string>> {
  const sealed: Partial<Record<C, string>> = {};
  for (const [category, value] of Object.entries(byCategory) as [C, object | undefined][]) {
    if (value !== undefined) sealed[category] = seal(value, personalLabel(category));
  }
  return sealed;
}
const keyDestroyed = () => new PrivacyError('PRIVACY.KEY_DESTROYED', 'the data key of this case was destroyed (person erased)');
