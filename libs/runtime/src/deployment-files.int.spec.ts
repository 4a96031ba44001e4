import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CORE_SCHEMA, load, loadAll, mergeTag } from 'js-yaml';
import { loadConfig } from '@passerelle/config';
import { requireCrossProcessBus, requireExternalDatabase } from './service-requirements';

/*
 * Docker cannot run where these tests run, so the deployment files are checked as data: parsed
 * (compose with its `<<` merge keys), cross-checked against each other and against the code they
 * start, and each service's environment is put through the same validation as a real start.
 */
const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const yaml = { schema: CORE_SCHEMA.withTags(mergeTag) };
const APPS = ['api', 'projector', 'relay', 'webhook-dispatcher'] as const;
/** Apps that exchange messages with other processes (docs/architecture.md#deployment-modes): they refuse BUS=inprocess. */
const CROSS_PROCESS = new Set(['relay', 'webhook-dispatcher']);
const KEY = Buffer.alloc(32, 5).toString('base64');

type Service = {
  build?: { dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  image?: string;
};
type Manifest = {
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

/** Compose's `${NAME:?message}` and `${NAME:-default}` as an operator's shell would fill them; YAML may give numbers. */
const interpolate = (environment: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value).replace(/\$\{(\w+):[?-][^}]*\}/g, (_, variable: string) =>
        variable.endsWith('_KEY') && variable !== 'PASSERELLE_BOOTSTRAP_ADMIN_KEY' ? KEY : '',
      ),
    ]),
  );

describe('docker-compose.yml', () => {
  const compose = load(read('docker-compose.yml'), yaml) as { services: Record<string, Service> };

  it('runs EventStoreDB as KurrentDB, Kafka in KRaft mode without ZooKeeper, and PostgreSQL, each with a health check', () => {
    const { kurrentdb, kafka, postgres } = compose.services;
    expect(kurrentdb?.image).toMatch(/kurrentdb/);
    expect(kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(Object.keys(compose.services).some((name) => name.includes('zookeeper'))).toBe(false);
    expect(postgres?.image).toMatch(/^postgres:/);
    for (const backing of [kurrentdb, kafka, postgres]) expect(backing?.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it.each(APPS)('builds %s from deploy/Dockerfile, starts its own main and waits for healthy dependencies', (app) => {
    const service = compose.services[app];
    expect(service?.build?.dockerfile).toBe('deploy/Dockerfile');
    expect(service?.command).toEqual(['node', `dist/apps/${app}/src/main.js`]);
    expect(service?.healthcheck?.test.join(' ')).toContain('/health');
    expect(service?.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      kurrentdb: { condition: 'service_healthy' },
      kafka: { condition: 'service_healthy' },
    });
  });

  it.each(APPS)('gives %s an environment that passes start-up validation, on EventStoreDB and Kafka', (app) => {
    const config = loadConfig(interpolate(compose.services[app]?.environment ?? {}));
    requireExternalDatabase(config, app);
    if (CROSS_PROCESS.has(app)) requireCrossProcessBus(config, app);
    expect(config).toMatchObject({
      eventStore: { kind: 'eventstoredb', connectionString: 'esdb://kurrentdb:2113?tls=false' },
      bus: { kind: 'kafka', brokers: ['kafka:9092'] },
    });
    expect(new URL(config.databaseUrl).hostname).toBe('postgres');
    expect(config.http.host).toBe('0.0.0.0');
  });

  it('starts the api and projector mains that exist in apps/', () => {
    for (const app of ['api', 'projector']) expect(existsSync(join(ROOT, 'apps', app, 'src', 'main.ts'))).toBe(true);
    const missing = APPS.filter((app) => !existsSync(join(ROOT, 'apps', app, 'src', 'main.ts')));
    if (missing.length > 0)
      console.info(`[deployment] no main.ts yet for: ${missing.join(', ')} (their services will not start until it exists)`);
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\w+)$/gm)].map((match) => match[1]);

  it('builds in stages and runs the compiled code as the unprivileged node user', () => {
    expect(stages).toEqual(['deps', 'build', 'runtime']);
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build && npm prune --omit=dev/);
    expect(dockerfile.slice(dockerfile.indexOf('AS runtime'))).toMatch(/^USER node$/m);
  });

  it('copies everything the build reads, and the build script is the one package.json runs', () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \.\/?\S*$/gm)].flatMap((match) => match[1]?.split(' ') ?? []);
    expect(copied).toEqual(
      expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'apps', 'libs']),
    );
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.build).toMatch(/tsc -p tsconfig\.build\.json/);
  });
});

describe('deploy/k8s', () => {
  const files = readdirSync(join(ROOT, 'deploy/k8s')).filter((file) => file.endsWith('.yaml'));
  const manifests = files.flatMap((file) => loadAll(read(`deploy/k8s/${file}`), yaml) as Manifest[]);
  const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
  type Container = {
    command: string[];
    readinessProbe?: { httpGet: { path: string } };
    livenessProbe?: { httpGet: { path: string } };
    resources?: { requests?: Record<string, string> };
    envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  };
  const containerOf = (deployment: Manifest): Container => {
    const container = (deployment.spec?.template as { spec: { containers: Container[] } }).spec.containers[0];
    if (!container) throw new Error(`${deployment.metadata.name} has no container`);
    return container;
  };

  it('lists in kustomization.yaml files that exist, and leaves the secret example out', () => {
    const kustomization = ofKind('Kustomization')[0] as unknown as { resources: string[] };
    for (const resource of kustomization.resources) expect(files).toContain(resource);
    expect(kustomization.resources).not.toContain('secret.example.yaml');
  });

  it.each(APPS)('deploys %s with readiness on /health, liveness, resource requests and a Service', (app) => {
    const deployment = ofKind('Deployment').find((manifest) => manifest.metadata.name === app);
    const container = deployment && containerOf(deployment);
    expect(container?.command).toEqual(['node', `dist/apps/${app}/src/main.js`]);
    expect(container?.readinessProbe?.httpGet.path).toBe('/health');
    expect(container?.livenessProbe?.httpGet.path).toBe('/health/live');
    expect(container?.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container?.envFrom).toEqual([{ configMapRef: { name: 'passerelle-config' } }, { secretRef: { name: 'passerelle-secrets' } }]);
    expect(ofKind('Service').map((service) => service.metadata.name)).toContain(app);
  });

  it('has a ConfigMap and an example Secret that together pass start-up validation for every service', () => {
    const [configMap] = ofKind('ConfigMap');
    const [secret] = ofKind('Secret');
    const env = { ...configMap?.data, ...secret?.stringData, PASSERELLE_MASTER_KEY: KEY, PASSERELLE_LINKAGE_KEY: KEY };
    const config = loadConfig(env);
    for (const app of APPS) {
      requireExternalDatabase(config, app);
      if (CROSS_PROCESS.has(app)) requireCrossProcessBus(config, app);
    }
    expect(config.eventStore.kind).toBe('eventstoredb');
    // The example's placeholders are refused, so that nobody deploys them by mistake.
    expect(() => loadConfig({ ...configMap?.data, ...secret?.stringData })).toThrow(/PASSERELLE_MASTER_KEY must be 32 random bytes/);
  });
});
