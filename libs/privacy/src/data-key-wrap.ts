import { gcmOpen, gcmSeal, packBox, unpackBox } from './aes-gcm';
import type { MasterKey } from './master-key';

/**
 * The AAD ties a wrapped key to its case and master key id: swapping two rows' wrapped keys, or
 * relabelling a row with another master key id, makes unwrapping fail instead of mixing cases.
 */
const wrapAad = (caseId: string, masterKeyId: string): Buffer => Buffer.from(`passerelle-case-key|v1|${caseId}|${masterKeyId}`, 'utf8');

export const wrapDataKey = (master: MasterKey, caseId: string, dataKey: Buffer): Buffer =>
  packBox(gcmSeal(master.material(), dataKey, wrapAad(caseId, master.id)));

/** The raw data key, or null when this master key does not unwrap it (other key, or altered row). */
export const unwrapDataKey = (master: MasterKey, caseId: string, wrapped: Buffer): Buffer | null =>
  gcmOpen(master.material(), unpackBox(wrapped), wrapAad(caseId, master.id));
