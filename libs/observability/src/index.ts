export { ObservabilityModule, type ObservabilityOptions } from './observability.module';
export { OperationsModule } from './operations.module';
export { NotReadyError, ReadinessProbes, type ReadinessCheck } from './readiness-probes';
export { PasserelleMetrics, type ProjectionSample } from './passerelle-metrics';
export { CORRELATION_HEADER } from './log-options';
export { JsonLogger } from './json-logger';
export { QuietFrameworkLogger } from './quiet-framework-logger';
