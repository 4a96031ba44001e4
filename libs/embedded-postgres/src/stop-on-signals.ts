/** Anything with an idempotent stop(), such as the handle returned by startEmbeddedPostgres. */
export interface Stoppable {
  stop(): Promise<void>;
}

const registered = new WeakMap<Stoppable, () => void>();

/**
 * Stops `server` on SIGINT, SIGTERM or SIGHUP, for processes where nothing else handles them
 * (scripts, jest's global setup). Registering the same server twice is a no-op. Returns a
 * function that removes the handlers.
 *
 * After stopping, if no other handler listens for that signal the process dies of it, as it
 * would have without us; if one does (e.g. Nest's enableShutdownHooks), that one decides when
 * to exit. In a Nest app prefer stopping the server from onApplicationShutdown, after the app
 * has drained, and skip this helper.
 */
export function stopOnSignals(server: Stoppable, signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']): () => void {
  const existing = registered.get(server);
  if (existing) return existing;
  const unregister = () => {
    for (const signal of signals) process.off(signal, onSignal);
    registered.delete(server);
  };
  function onSignal(signal: NodeJS.Signals): void {
    // Unregistered at once: a second Ctrl-C while stopping falls through to the default, as users expect.
    unregister();
    void server
      .stop()
      .catch((error: unknown) => console.error(String(error)))
      .finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  }
  for (const signal of signals) process.on(signal, onSignal);
  registered.set(server, unregister);
  return unregister;
}
