/** Which ways to sign in this deployment offers, for the sign-in page. */
export class SignInOptionsQuery {
  readonly question = 'sign-in-options';
}
