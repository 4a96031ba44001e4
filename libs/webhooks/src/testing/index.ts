/** Test-only helpers: import from spec files, never from production code. */
export * from './example-receiver';
export * from './test-receiver';
