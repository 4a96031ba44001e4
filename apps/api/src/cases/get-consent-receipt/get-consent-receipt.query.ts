import type { Actor } from '@passerelle/domain';
import type { ReceiptLanguage } from '@passerelle/receipts';

export class GetConsentReceiptQuery {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
    /** Her language; when left out, the language her latest consent was explained in. */
    readonly language: ReceiptLanguage | undefined,
    readonly now: Date,
  ) {}
}
