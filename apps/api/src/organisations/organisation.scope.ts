/** The directory is public to every key holder: organisation events carry no consent-scoped data. */
export const organisationScope = (): Record<string, string[]> => ({});
