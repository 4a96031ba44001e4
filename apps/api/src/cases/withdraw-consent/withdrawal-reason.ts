/**
 * Binds a sealed withdrawal reason to its slot (the AAD label, libs/privacy/src/sealed-value.ts): a
 * reason's ciphertext copied into a referral's message or note fails to open there, and back.
 */
export const WITHDRAWAL_REASON_LABEL = 'consent.withdrawal-reason';
