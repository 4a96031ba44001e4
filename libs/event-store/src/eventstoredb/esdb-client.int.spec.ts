import { createServer, type Http2Server, type ServerHttp2Session } from 'node:http2';
import { eventually } from '../testing/contract-fixtures';
import { connect } from './connection-string';

/*
 * Runs without EventStoreDB: an HTTP/2 listener that takes the client's gRPC call and never answers
 * it stands in for the server, which is enough to see whether closing lets go of the connection.
 * (Client 6's own dispose() cancels the call but keeps the channel's connection open.)
 */
describe('closing the EventStoreDB client', () => {
  let server: Http2Server;
  const sessions: ServerHttp2Session[] = [];
  const ended: ServerHttp2Session[] = [];
  const calls: string[] = [];

  beforeAll(async () => {
    server = createServer();
    server.on('session', (session) => {
      sessions.push(session);
      session.on('close', () => ended.push(session));
      session.on('error', () => undefined);
    });
    server.on('stream', (stream, headers) => {
      calls.push(String(headers[':path']));
      stream.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const session of sessions) session.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('close releases the channel: the call in flight ends and so does the connection', async () => {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('The listener has no port');
    const client = connect(`esdb://127.0.0.1:${address.port}?tls=false`);
    let settled = false;
    const read = (async () => {
      for await (const _ of client.readStream('case-1')) {
        // nothing is ever answered
      }
    })()
      .catch(() => undefined)
      .finally(() => (settled = true));
    await eventually(() => calls.length > 0, 'the read to reach the server');

    await client.close();
    await eventually(() => ended.length === sessions.length, 'the connection to end');
    await read;
    expect(settled).toBe(true);
    expect(calls).toEqual(['/event_store.client.streams.Streams/Read']);
  });
});
