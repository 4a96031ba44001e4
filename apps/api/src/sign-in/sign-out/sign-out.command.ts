export class SignOutCommand {
  constructor(
    readonly sessionId: string,
    readonly personId: string,
    /** Every session of hers, on every device, rather than this one. */
    readonly everywhere: boolean,
  ) {}
}
