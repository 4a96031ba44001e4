export { runService, runtimeSettingsFrom, type RunningService, type ServiceDefinition } from './run-service';
export { requireCrossProcessBus, requireExternalDatabase, type ExternalConfig } from './service-requirements';
export { exitOnStartFailure, startFailureLines } from './start-failure';
export { closeOnSignals, SHUTDOWN_TIMEOUT_MS } from './close-on-signals';
