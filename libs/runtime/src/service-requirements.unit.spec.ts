import { ConfigError } from '@passerelle/config';
import { loadConfig } from '@passerelle/config';
import { requireCrossProcessBus, requireExternalDatabase } from './service-requirements';

const KEY = Buffer.alloc(32, 7).toString('base64');
const external = { DATABASE_URL: 'postgres://db/passerelle', PASSERELLE_MASTER_KEY: KEY, PASSERELLE_LINKAGE_KEY: KEY };
const problemsOf = (check: () => void): readonly string[] => {
  try {
    check();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('what a split service requires to start', () => {
  it('refuses the relay on the in-process bus, in one line that says what to set', () => {
    expect(problemsOf(() => requireCrossProcessBus(loadConfig(external), 'relay'))).toEqual([
      'BUS=kafka is required: the relay service exchanges messages with other processes, which BUS=inprocess cannot reach (set BUS=kafka and KAFKA_BROKERS, or run npm start for the single-process default)',
    ]);
  });

  it('accepts Kafka', () => {
    expect(
      problemsOf(() => requireCrossProcessBus(loadConfig({ ...external, BUS: 'kafka', KAFKA_BROKERS: 'kafka:9092' }), 'relay')),
    ).toEqual([]);
  });

  it('refuses to run a split service on an embedded database of its own', () => {
    expect(problemsOf(() => requireExternalDatabase(loadConfig({}), 'projector'))).toEqual([
      expect.stringMatching(/^DATABASE_URL is required: the projector service shares one PostgreSQL/),
    ]);
    expect(problemsOf(() => requireExternalDatabase(loadConfig(external), 'projector'))).toEqual([]);
  });
});
