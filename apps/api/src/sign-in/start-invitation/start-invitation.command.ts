/** The invited person opens her link: what she is invited to, and the ceremonies to bind her first credential. */
export class StartInvitationCommand {
  constructor(readonly token: string) {}
}
