import { CASE_EVENT_TYPES, ORGANISATION_EVENT_TYPES, PLACE_REQUEST_EVENT_TYPES, REFERRAL_EVENT_TYPES } from '@passerelle/domain';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Erasure is crypto-shredding (docs/consent-and-privacy.md#how-erasure-works): events are immutable,
 * so a free text written into one in clear survives her erasure for ever. Every string field of every
 * event type in libs/domain/src/**\/*.events.ts must therefore be sealed (typed `SealedText` or
 * `SealedPersonal`), a closed vocabulary (a union of string literals), or listed below with what
 * makes it something other than free text. A new plain `string` field fails this test.
 */
const NOT_FREE_TEXT: Record<string, string> = {
  'PersonIdentified.caseId': 'uuid',
  'PersonIdentified.identifiedBy': 'organisation id',
  'PersonIdentified.department': 'département code, checked against the official list',
  'ConsentGranted.caseId': 'uuid',
  'ConsentGranted.consentId': 'uuid',
  'ConsentGranted.recipients[]': 'organisation ids, or any_referral_recipient',
  'ConsentGranted.expiresAt': 'ISO 8601 instant',
  'ConsentGranted.language': 'ISO 639 code',
  'ConsentGranted.recordedBy': 'organisation id',
  'ConsentWithdrawn.caseId': 'uuid',
  'ConsentWithdrawn.consentId': 'uuid',
  'ConsentWithdrawn.by': 'organisation id',
  'PersonErased.caseId': 'uuid',
  'PersonErased.requestedBy': 'organisation id',
  'ReferralMade.referralId': 'uuid',
  'ReferralMade.caseId': 'uuid',
  'ReferralMade.from': 'organisation id',
  'ReferralMade.to': 'organisation id',
  'ReferralMade.respondBy': 'ISO 8601 instant',
  'ReferralAccepted.referralId': 'uuid',
  'ReferralAccepted.by': 'organisation id',
  'ReferralDeclined.referralId': 'uuid',
  'ReferralDeclined.by': 'organisation id',
  'ReferralWithdrawn.referralId': 'uuid',
  'ReferralWithdrawn.by': 'organisation id',
  'ReferralClosed.referralId': 'uuid',
  'ReferralClosed.by': 'organisation id',
  'OrganisationRegistered.organisationId': 'organisation id',
  'OrganisationRegistered.name': "an organisation's public name, typed by the network admin: about no person",
  'OrganisationRegistered.department': 'département code, checked against the official list',
  'OrganisationRegistered.contact.phone': "an organisation's desk or hotline number, in E.164, about no person",
  'OrganisationRegistered.contact.email': "an organisation's desk address, typed by the network admin: about no person",
  'CapacityDeclared.organisationId': 'organisation id',
  'MemberInvited.organisationId': 'organisation id',
  'MemberInvited.invitationId': 'uuid',
  'MemberInvited.personId': 'uuid of a staff member (her e-mail stays in auth_people)',
  'MemberInvited.expiresAt': 'ISO 8601 instant',
  'MemberJoined.organisationId': 'organisation id',
  'MemberJoined.invitationId': 'uuid',
  'MemberJoined.personId': 'uuid of a staff member',
  'MemberRoleChanged.organisationId': 'organisation id',
  'MemberRoleChanged.personId': 'uuid of a staff member',
  'MemberRemoved.organisationId': 'organisation id',
  'MemberRemoved.personId': 'uuid of a staff member',
  'ApiKeyIssued.organisationId': 'organisation id',
  'ApiKeyIssued.keyId': 'uuid',
  'ApiKeyIssued.expiresAt': 'ISO 8601 instant',
  'ApiKeyRevoked.organisationId': 'organisation id',
  'ApiKeyRevoked.keyId': 'uuid',
  'ReferralMade.placeRequest.placeRequestId': 'uuid',
  'PlaceRequestMade.placeRequestId': 'uuid',
  'PlaceRequestMade.caseId': 'uuid',
  'PlaceRequestMade.from': 'organisation id',
  'PlaceRequestMade.recipients[].organisationId': 'organisation id',
  'PlaceRequestMade.recipients[].referralId': 'uuid',
  'PlaceRequestMade.respondBy': 'ISO 8601 instant',
  'PlaceRequestPlaced.placeRequestId': 'uuid',
  'PlaceRequestPlaced.referralId': 'uuid',
  'PlaceRequestPlaced.by': 'organisation id',
  'PlaceRequestExpired.placeRequestId': 'uuid',
  'PlaceRequestExpired.respondBy': 'ISO 8601 instant',
  'PlaceRequestCancelled.placeRequestId': 'uuid',
  'PlaceRequestCancelled.by': 'organisation id',
};

const SEALED_TYPES = new Set(['SealedText', 'SealedPersonal']);
const ROOT = join(__dirname, '..', '..');

interface Walked {
  /** Every event type found, by its `type` literal. */
  events: string[];
  /** `Event.path` of every plain string field, sealed ones and closed vocabularies left out. */
  plainStrings: string[];
  /** Fields whose type this walk cannot classify: they fail too, rather than pass unseen. */
  unknown: string[];
}

/** Reads the event type aliases of `files` with the compiler and lists their fields by kind. */
function walkEventTypes(files: string[]): Walked {
  const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const walked: Walked = { events: [], plainStrings: [], unknown: [] };

  const visitType = (type: ts.Type, path: string, node: ts.TypeNode | undefined): void => {
    if (node && SEALED_TYPES.has(node.getText())) return;
    const parts = type.isUnion() ? type.types : [type];
    const present = parts.filter((part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    if (present.every((part) => part.isStringLiteral())) return;
    if (present.every((part) => part.flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike))) return;
    if (present.length === 1 && present[0]) {
      const only = present[0];
      if (only.flags & ts.TypeFlags.String) {
        walked.plainStrings.push(path);
        return;
      }
      const [element] = checker.isArrayType(only) ? checker.getTypeArguments(only as ts.TypeReference) : [];
      if (element) {
        visitType(element, `${path}[]`, node && ts.isArrayTypeNode(node) ? node.elementType : undefined);
        return;
      }
      if (only.flags & ts.TypeFlags.Object && checker.getIndexInfosOfType(only).length === 0) {
        visitProperties(only, path);
        return;
      }
    }
    walked.unknown.push(`${path}: ${checker.typeToString(type)}`);
  };

  const visitProperties = (type: ts.Type, prefix: string): void => {
    for (const property of type.getProperties()) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) continue;
      const node = ts.isPropertySignature(declaration) ? declaration.type : undefined;
      visitType(checker.getTypeOfSymbolAtLocation(property, declaration), `${prefix}.${property.name}`, node);
    }
  };

  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not compiled: ${file}`);
    ts.forEachChild(source, (statement) => {
      if (!ts.isTypeAliasDeclaration(statement) || !ts.isTypeLiteralNode(statement.type)) return;
      const type = checker.getTypeAtLocation(statement.type);
      const tag = type.getProperty('type');
      const data = type.getProperty('data');
      if (!tag || !data) return;
      const tagType = checker.getTypeOfSymbolAtLocation(tag, statement);
      if (!tagType.isStringLiteral()) return;
      walked.events.push(tagType.value);
      visitType(checker.getTypeOfSymbolAtLocation(data, statement), tagType.value, undefined);
    });
  }
  return walked;
}

const eventFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return eventFiles(path);
    return entry.name.endsWith('.events.ts') ? [path] : [];
  });

const HOW_TO_FIX = [
  'Each of these event fields is a plain string: if a person can type into it, it may hold her name and would survive her erasure.',
  '- free text: type it SealedText (libs/domain/src/shared/metadata.ts) and seal it with her case key in the handler',
  '  (keyring.seal, as apps/api/src/cases/withdraw-consent/withdraw-consent.handler.ts does), opened only within her consent;',
  '- a closed vocabulary: type it as a union of string literals (libs/domain/src/shared/vocabulary.ts);',
  '- an id, a code or a date: add it to NOT_FREE_TEXT in test/architecture/free-text-sealed.unit.spec.ts, saying which,',
  '  and validate it as such at the HTTP edge.',
].join('\n');

describe('free text in events', () => {
  const walked = walkEventTypes(eventFiles(join(ROOT, 'libs', 'domain', 'src')));

  it('finds every event type of every stream', () => {
    expect([...walked.events].sort()).toEqual(
      [...CASE_EVENT_TYPES, ...REFERRAL_EVENT_TYPES, ...PLACE_REQUEST_EVENT_TYPES, ...ORGANISATION_EVENT_TYPES].sort(),
    );
  });

  it('is sealed with her case key: every other string field is an id, a code, a date or a closed vocabulary', () => {
    const unsealed = walked.plainStrings.filter((path) => !(path in NOT_FREE_TEXT));
    expect({ unsealed, unclassified: walked.unknown, howToFix: unsealed.length + walked.unknown.length ? HOW_TO_FIX : '' }).toEqual({
      unsealed: [],
      unclassified: [],
      howToFix: '',
    });
  });

  it('lists no field that no longer exists, so the list stays the truth', () => {
    expect(Object.keys(NOT_FREE_TEXT).filter((path) => !walked.plainStrings.includes(path))).toEqual([]);
  });

  it('catches a new plain string field, and accepts sealed fields, vocabularies and listed ids', () => {
    const directory = mkdtempSync(join(tmpdir(), 'free-text-'));
    try {
      const file = join(directory, 'fake.events.ts');
      writeFileSync(
        file,
        [
          'type SealedText = string | null;',
          "type Kind = 'a' | 'b';",
          "export type FakeEvent = { type: 'FakeEvent'; data: { caseId: string; kind: Kind; note: SealedText;",
          '  careless: string | null; nested: { comment: string; count: number }; tags: string[]; kinds: Kind[] } };',
        ].join('\n'),
      );
      expect(walkEventTypes([file])).toEqual({
        events: ['FakeEvent'],
        plainStrings: ['FakeEvent.caseId', 'FakeEvent.careless', 'FakeEvent.nested.comment', 'FakeEvent.tags[]'],
        unknown: [],
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
