import { testDatabaseState } from './global-setup';

/** Stops the embedded test server (if global-setup started one) once the last project is done. */
export default async function globalTeardown(): Promise<void> {
  const state = testDatabaseState();
  state.users -= 1;
  if (state.users > 0) return;
  state.unregisterSignals?.();
  await state.dispose?.();
}
