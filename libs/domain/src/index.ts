/** The pure domain (imports nothing outside libs/domain; .dependency-cruiser.js checks it). */
export * from './shared/vocabulary';
export * from './shared/metadata';
export * from './shared/domain-error';
export * from './shared/error-codes';
export * from './shared/actor.rules';
export * from './shared/exhaustive';
export * from './shared/decider';

export * from './case/case.events';
export * from './case/case.commands';
export * from './case/case.state';
export * from './case/case.decider';
export * from './case/consent';
export * from './case/age-band';

export * from './referral/referral.events';
export * from './referral/referral.commands';
export * from './referral/referral.state';
export * from './referral/referral.decider';

export * from './place-request/place-request.events';
export * from './place-request/place-request.commands';
export * from './place-request/place-request.state';
export * from './place-request/place-request.decider';

export * from './organisation/organisation.events';
export * from './organisation/organisation.commands';
export * from './organisation/organisation.state';
export * from './organisation/organisation.decider';
export * from './organisation/rules/credential-manager.rule';
export * from './organisation/organisation-id';

export * from './scope';
