/**
 * A stream's behaviour as three pure functions — the one decider shape of the code base, used by
 * the command path (libs/command-handling) and the given/when/then specifications alike.
 *
 * `decide` refuses a command by throwing a DomainError; it never reads the clock or makes ids:
 * both arrive in the command's metadata and data.
 */
export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
