import { randomUUID } from 'node:crypto';
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { deadLetterTopicOf, type BusMessage, type DeadLetter } from '../bus.port';
import { describeBusContract, eventually } from '../testing';
import { KafkaBus } from './kafka-bus';

/**
 * Needs a Kafka cluster: runs when KAFKA_BROKERS is set (e.g. KAFKA_BROKERS=127.0.0.1:9092), skipped with the reason otherwise.
 * The shared contract (the poison message included), then what only a real broker shows: a first
 * publish while it cannot be reached, and a message another producer wrote that is not JSON.
 * "producer fenced" has no case here: no client can make a broker lose a producer's sequence on
 * demand; kafka-bus.unit.spec.ts plays the broker's answer instead.
 */
const brokers = process.env.KAFKA_BROKERS?.trim();
const SKIP_REASON = 'skipped: set KAFKA_BROKERS=host:port to run the bus contract against Kafka';
const quiet = { warn: () => undefined, error: () => undefined };

/** A TCP relay to the first broker that refuses connections until opened: Kafka down, then up. */
async function brokerProxy(target: string): Promise<{ address: string; open(): void; close(): Promise<void> }> {
  const [host = '127.0.0.1', port = '9092'] = target.split(':');
  let up = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connectTcp(Number(port), host);
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The proxy has no port');
  return {
    address: `127.0.0.1:${address.port}`,
    open: () => void (up = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (brokers) {
  const brokerList = brokers.split(',');
  describeBusContract('kafka', async () => new KafkaBus({ brokers: brokerList, clientId: 'passerelle-contract', partitions: 3 }));

  describe('the Kafka bus on a real broker', () => {
    describe('broker down then up', () => {
      it('fails a publish while the broker cannot be reached, then connects again and publishes', async () => {
        const proxy = await brokerProxy(brokerList[0] ?? '');
        const bus = new KafkaBus({ brokers: [proxy.address], clientId: 'passerelle-down-up', partitions: 1 }, undefined, quiet);
        const topic = `contract-${randomUUID()}`;
        const sent: BusMessage = { id: randomUUID(), key: 'k', value: { n: 1 } };
        try {
          await expect(bus.publish(topic, [sent])).rejects.toThrow();
          proxy.open();
          await bus.publish(topic, [sent]);
          const seen: BusMessage[] = [];
          const subscription = await bus.subscribe({ topic, group: 'g', fromBeginning: true, handler: async (m) => void seen.push(m) });
          await eventually(() => expect(seen).toEqual([sent]));
          await subscription.stop();
        } finally {
          await bus.close();
          await proxy.close();
        }
      }, 120_000);
    });

    describe('poison message', () => {
      it('sends a message another producer wrote without JSON to the dead-letter topic, and the partition moves on', async () => {
        const bus = new KafkaBus({ brokers: brokerList, clientId: 'passerelle-poison', partitions: 1 }, undefined, quiet);
        const raw = new Kafka({ clientId: 'another-application', brokers: brokerList, logLevel: logLevel.NOTHING }).producer({
          createPartitioner: Partitioners.DefaultPartitioner,
        });
        const topic = `contract-${randomUUID()}`;
        try {
          const seen: unknown[] = [];
          const letters: BusMessage[] = [];
          const subscriptions = [
            await bus.subscribe({ topic, group: 'g', fromBeginning: true, handler: async (m) => void seen.push(m.value) }),
            await bus.subscribe({
              topic: deadLetterTopicOf(topic),
              group: 'operator',
              fromBeginning: true,
              handler: async (m) => void letters.push(m),
            }),
          ];
          await raw.connect();
          await raw.send({ topic, messages: [{ key: 'k', value: 'not json {', headers: { 'message-id': 'poison' } }] });
          await bus.publish(topic, [{ id: randomUUID(), key: 'k', value: { after: true } }]);

          await eventually(() => {
            expect(seen).toEqual([{ after: true }]);
            expect(letters).toHaveLength(1);
          });
          expect(letters[0]).toMatchObject({ id: 'poison', key: 'k' });
          expect(letters[0]?.value).toMatchObject({
            topic,
            group: 'g',
            reason: 'undecodable',
            error: 'not JSON',
            value: null,
          } satisfies Partial<DeadLetter>);
          await Promise.all(subscriptions.map((subscription) => subscription.stop()));
        } finally {
          await raw.disconnect();
          await bus.close();
        }
      }, 120_000);
    });
  });
} else {
  console.log(`kafka bus contract ${SKIP_REASON}`);
  describe('kafka bus contract', () => {
    it.skip(SKIP_REASON, () => undefined);
  });
}
