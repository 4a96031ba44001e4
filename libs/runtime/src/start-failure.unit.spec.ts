import { ConfigError } from '@passerelle/config';
import { startFailureLines } from './start-failure';

describe('the lines printed when a service cannot start', () => {
  it('are the configuration problems, one per line', () => {
    expect(startFailureLines(new ConfigError(['PORT must be a port number', 'BUS must be one of inprocess, kafka']))).toEqual([
      'PORT must be a port number',
      'BUS must be one of inprocess, kafka',
    ]);
  });

  it('are the first line of any other error, without its stack', () => {
    const error = new Error('DATABASE_URL (postgres://db/x) does not answer: connect ECONNREFUSED\nmore detail');
    expect(startFailureLines(error)).toEqual(['DATABASE_URL (postgres://db/x) does not answer: connect ECONNREFUSED']);
    expect(startFailureLines('plain')).toEqual(['plain']);
  });
});
