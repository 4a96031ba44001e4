/** What the apps need once configuration is validated and the database (embedded or not) is up. */
export interface RuntimeSettings {
  databaseUrl: string;
  /** PASSERELLE_MASTER_KEY as given (`[keyId:]base64`), parsed by libs/privacy. */
  masterKey: string;
  /** PASSERELLE_LINKAGE_KEY as given (base64 of 32 bytes). */
  linkageKey: string;
  bootstrapAdminKey: string | null;
  bodyLimit: string;
  logLevel: string;
  /** How long `minPosition` reads wait for the projection to catch up. */
  readYourWritesTimeoutMs: number;
}
