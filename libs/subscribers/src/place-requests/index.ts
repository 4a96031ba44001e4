/** The place requests' process manager, its follow-ups and its expiry scheduler (docs/adr/0012-place-requests.md). */
export * from './place-request-follow-up';
export * from './place-request.process';
export * from './place-request-expiry';
export * from './place-request-expiry.loop';
export * from './place-request-deadlines.migration';
