export class PasswordSignInCommand {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly code: string,
    /** The client's address, for the per-address throttle. */
    readonly ip: string,
  ) {}
}
