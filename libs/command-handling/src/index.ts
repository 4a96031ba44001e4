/** The command path: load (with a per-process state cache), decide, append. See handle-command.ts. */
export * from './command-context';
export * from './stream-state-cache';
export * from './aggregate-stream';
export * from './handle-command';
export * from './envelope';
export * from './read-stream';
