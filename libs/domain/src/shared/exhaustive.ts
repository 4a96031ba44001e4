/**
 * Ends every exhaustive `switch`: adding an event or command type without handling it
 * becomes a compile error here instead of a silent no-op at run time.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
