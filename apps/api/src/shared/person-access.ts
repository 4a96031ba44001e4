import { Injectable } from '@nestjs/common';
import { visibleCategories, type CaseState, type ConsentCategory, type SealedPersonal } from '@passerelle/domain';
import { Keyring } from '@passerelle/privacy';
import { personView } from '../cases/person.mapping';

export interface PersonAccessRequest {
  viewer: string;
  caseState: CaseState;
  personal: SealedPersonal | null;
  /** Set when the viewer sees her through a referral: the receiver sees only its shared categories. */
  referral?: { to: string; sharedCategories: readonly ConsentCategory[] };
  now: Date;
}

export interface PersonAccess {
  person: Record<string, unknown> | null;
  categories: ConsentCategory[];
  erased: boolean;
}

/**
 * The one place that decides what a partner sees of her, at read time: consent now (not at the
 * time of sharing) picks the categories, and only those are ever decrypted. An erased case has no
 * key left, so nothing can be opened whatever a read model still holds.
 */
@Injectable()
export class PersonAccessService {
  constructor(private readonly keyring: Keyring) {}

  categoriesFor(request: Omit<PersonAccessRequest, 'personal'>): ConsentCategory[] {
    const { viewer, caseState, referral, now } = request;
    const receiving = referral !== undefined && referral.to === viewer;
    const visible = visibleCategories(caseState, now, viewer, 'referral', receiving);
    if (!receiving || caseState.status !== 'open' || caseState.holder === viewer) return visible;
    return visible.filter((category) => referral.sharedCategories.includes(category));
  }

  async view(request: PersonAccessRequest): Promise<PersonAccess> {
    const erased = request.caseState.status === 'erased';
    const categories = erased ? [] : this.categoriesFor(request);
    if (erased || !request.personal || categories.length === 0 || request.caseState.status !== 'open') {
      return { person: null, categories, erased };
    }
    const opened = await this.keyring.openPersonal<ConsentCategory>(request.caseState.caseId, request.personal, categories);
    if (opened === null) return { person: null, categories: [], erased: true };
    return { person: personView(opened), categories, erased: false };
  }

  /** Free text (a referral message, a note) is readable while she is not erased: it was written for the two parties. */
  async openText(caseState: CaseState, sealed: string | null): Promise<string | null> {
    if (!sealed || caseState.status !== 'open') return null;
    return this.keyring.open<string>(caseState.caseId, sealed);
  }
}
