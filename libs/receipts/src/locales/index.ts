import type { ReceiptLocale } from '../locale';
import type { ReceiptLanguage } from '../receipt-languages';
import { ar } from './ar';
import { en } from './en';
import { faAF } from './fa-AF';
import { fr } from './fr';
import { ps } from './ps';
import { ti } from './ti';

/** One file per language, each marked with its review status (locale.ts). */
export const RECEIPT_LOCALES: Record<ReceiptLanguage, ReceiptLocale> = { fr, en, ar, 'fa-AF': faAF, ps, ti };
