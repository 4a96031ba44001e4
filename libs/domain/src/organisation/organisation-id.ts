/**
 * An organisation id as the network assigns it at registration ("asso-93", "refuge-75"): lowercase
 * letters, digits and dashes. Every id the API takes (in a path, a consent's recipients, a
 * referral's receiver) is checked against it before anything is looked up.
 */
export const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
