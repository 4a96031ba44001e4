/**
 * What every batch transaction runs under, append and projection alike, as `set_config` calls for
 * a SELECT list (each until COMMIT): no sequential scan, since a batch reads and writes its own
 * keys' rows, and no JIT, which a scan's disable cost would otherwise trigger at every batch on a
 * server built with it (docs/adr/0019-batches-read-by-key.md).
 */
export const BATCH_SETTING_CALLS = "set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)";
