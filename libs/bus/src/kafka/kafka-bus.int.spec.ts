import { describeBusContract } from '../testing';
import { KafkaBus } from './kafka-bus';

/** Needs a Kafka cluster: runs when KAFKA_BROKERS is set (e.g. KAFKA_BROKERS=127.0.0.1:9092), skipped with the reason otherwise. */
const brokers = process.env.KAFKA_BROKERS?.trim();
const SKIP_REASON = 'skipped: set KAFKA_BROKERS=host:port to run the bus contract against Kafka';

if (brokers) {
  describeBusContract('kafka', async () => new KafkaBus({ brokers: brokers.split(','), clientId: 'passerelle-contract', partitions: 3 }));
} else {
  console.log(`kafka bus contract ${SKIP_REASON}`);
  describe('kafka bus contract', () => {
    it.skip(SKIP_REASON, () => undefined);
  });
}
