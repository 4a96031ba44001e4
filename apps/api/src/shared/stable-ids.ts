import { createHash } from 'node:crypto';

/** Passerelle's namespace for name-based ids (a random UUID, fixed once: changing it would change every exported id). */
const NAMESPACE = Buffer.from('4b0c9d3e8f2a4c6b9e1d7a5f3c2b1e08', 'hex');

/**
 * An RFC 4122 version-5 UUID (SHA-1 of the namespace and the name): the same name always gives the
 * same id. Exports whose formats want UUIDs (Open Referral HSDS) or short ids (FHIR ids are at
 * most 64 characters) name an organisation's service or capacity with it, so a reader that
 * fetches the export again finds the same records.
 */
export function stableUuid(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6); // version 5
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ids of the directory's records in the exports (docs/fhir.md, docs/directory-exports.md). */
export const directoryIds = {
  organisation: (organisationId: string) => stableUuid(`organisation:${organisationId}`),
  service: (organisationId: string, service: string) => stableUuid(`service:${organisationId}:${service}`),
  capacity: (organisationId: string, service: string) => stableUuid(`capacity:${organisationId}:${service}`),
  serviceArea: (organisationId: string, service: string) => stableUuid(`service-area:${organisationId}:${service}`),
  identifier: (organisationId: string) => stableUuid(`identifier:${organisationId}`),
  phone: (organisationId: string) => stableUuid(`phone:${organisationId}`),
  placeUnit: () => stableUuid('unit:place'),
};
