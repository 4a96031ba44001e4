export * from './access-report';
export * from './consent-receipt';
export * from './format';
export type * from './locale';
export * from './locales';
export * from './printable-document';
export * from './receipt-languages';
export * from './sms';
