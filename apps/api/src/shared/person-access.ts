import { Injectable } from '@nestjs/common';
import {
  activeConsents,
  consentNamesRecipient,
  visibleCategories,
  type CaseState,
  type ConsentCategory,
  type SealedPersonal,
} from '@passerelle/domain';
import { AccessLogStore, Keyring, type AccessLogEntry, type AccessVia } from '@passerelle/privacy';
import { personView } from '../cases/person.mapping';

export interface PersonAccessRequest {
  viewer: string;
  caseState: CaseState;
  personal: SealedPersonal | null;
  /**
   * Set when the viewer sees her through a referral: the receiver sees only its shared categories,
   * and nothing once the referral no longer opens her data to it (`open: false`: withdrawn, or its
   * place request ended through another referral; libs/projections/src/inbox/referral-standing.ts).
   */
  referral?: { to: string; sharedCategories: readonly ConsentCategory[]; referralId?: string; open?: boolean };
  now: Date;
}

/** Who reads, for the access log: the person signed in or the machine key, and the route that opened her fields. */
export interface Reader {
  keyId: string | null;
  personId?: string | null;
  via: AccessVia;
}

export interface PersonAccess {
  person: Record<string, unknown> | null;
  categories: ConsentCategory[];
  erased: boolean;
}

interface Opened {
  access: PersonAccess;
  /** Categories actually decrypted (visible and present), for the access log. */
  decrypted: ConsentCategory[];
}

/**
 * The one place that decides what a partner sees of her, at read time: consent now (not at the
 * time of sharing) picks the categories, and only those are ever decrypted. An erased case has no
 * key left, so nothing can be opened whatever a read model still holds.
 *
 * Every decryption is recorded in the access log before the answer leaves (no disclosure without
 * a trace); a page of an inbox is recorded in one INSERT.
 */
@Injectable()
export class PersonAccessService {
  constructor(
    private readonly keyring: Keyring,
    private readonly accessLog: AccessLogStore,
  ) {}

  categoriesFor(request: Omit<PersonAccessRequest, 'personal'>): ConsentCategory[] {
    const { viewer, caseState, referral, now } = request;
    const receiving = referral?.to === viewer;
    if (receiving && referral.open === false && caseState.status === 'open' && caseState.holder !== viewer) return [];
    const visible = visibleCategories(caseState, now, viewer, 'referral', receiving);
    if (!receiving || caseState.status !== 'open' || caseState.holder === viewer) return visible;
    return visible.filter((category) => referral.sharedCategories.includes(category));
  }

  async view(request: PersonAccessRequest, reader: Reader): Promise<PersonAccess> {
    const [access] = await this.viewPage([request], reader);
    return access ?? { person: null, categories: [], erased: false };
  }

  /** Opens a page of cases (an inbox page) and logs every read of it with one multi-row INSERT. */
  async viewPage(requests: readonly PersonAccessRequest[], reader: Reader): Promise<PersonAccess[]> {
    const opened = await Promise.all(requests.map(async (request) => ({ request, ...(await this.open(request)) })));
    await this.accessLog.record(opened.map(({ request, decrypted }) => entry(request, reader, decrypted)));
    return opened.map(({ access }) => access);
  }

  /**
   * Whether a party may read a referral's free text (its message and notes), which may speak of
   * her: the holder of her open case, or a receiver while the referral is open to it
   * (`referralOpen`: apps/api/src/shared/referral-standing.ts) and a referral consent still names it.
   */
  textVisibleTo(viewer: string, caseState: CaseState, now: Date, referralOpen: boolean): boolean {
    return (
      caseState.status === 'open' &&
      (caseState.holder === viewer ||
        (referralOpen && activeConsents(caseState, now).some((c) => consentNamesRecipient(c, viewer, 'referral', true))))
    );
  }

  /**
   * Free text (a referral message, a note, a withdrawal reason) is readable while she is not erased,
   * by those the caller decided it was written for. `label` is the slot it was sealed for.
   */
  async openText(caseState: CaseState, sealed: string | null, label = ''): Promise<string | null> {
    if (!sealed || caseState.status !== 'open') return null;
    return this.keyring.open<string>(caseState.caseId, sealed, label);
  }

  private async open(request: PersonAccessRequest): Promise<Opened> {
    const erased = request.caseState.status === 'erased';
    const categories = erased ? [] : this.categoriesFor(request);
    if (erased || !request.personal || categories.length === 0 || request.caseState.status !== 'open') {
      return { access: { person: null, categories, erased }, decrypted: [] };
    }
    const opened = await this.keyring.openPersonal<ConsentCategory>(request.caseState.caseId, request.personal, categories);
    if (opened === null) return { access: { person: null, categories: [], erased: true }, decrypted: [] };
    const decrypted = categories.filter((category) => opened[category] !== undefined);
    return { access: { person: personView(opened), categories, erased: false }, decrypted };
  }
}

function entry(request: PersonAccessRequest, reader: Reader, decrypted: ConsentCategory[]): AccessLogEntry {
  const caseId = request.caseState.status === 'none' ? '' : request.caseState.caseId;
  return {
    caseId,
    organisationId: request.viewer,
    keyId: reader.keyId,
    personId: reader.personId ?? null,
    via: reader.via,
    referralId: request.referral?.referralId ?? null,
    categories: decrypted,
    readAt: request.now,
  };
}
