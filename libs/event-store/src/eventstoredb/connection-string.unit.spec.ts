import { connect, toClientConnectionString } from './connection-string';

describe('the EventStoreDB connection string', () => {
  it.each([
    ['kurrentdb://admin:changeit@db:2113?tls=false', 'esdb://admin:changeit@db:2113?tls=false'],
    ['kurrentdb+discover://cluster.internal:2113', 'esdb+discover://cluster.internal:2113'],
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['esdb+discover://a:2113,b:2113', 'esdb+discover://a:2113,b:2113'],
  ])('gives the client %s as %s', (given, forClient) => {
    expect(toClientConnectionString(given)).toBe(forClient);
  });

  it('accepts a kurrentdb:// string, which client 6 alone would refuse', async () => {
    const client = connect('kurrentdb://localhost:2113?tls=false');
    await client.close();
  });

  it('says what it expected without quoting the password', () => {
    expect(() => connect('esdb://admin:s3cret@db:2113?tls=maybe')).toThrow(
      /^EVENTSTORE_CONNECTION_STRING cannot be parsed: expected true or false/,
    );
    expect(() => connect('esdb://admin:s3cret@db:2113?tls=maybe')).not.toThrow(/s3cret/);
  });
});
