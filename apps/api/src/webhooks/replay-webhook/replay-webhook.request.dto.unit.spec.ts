import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ReplayWebhookRequest } from './replay-webhook.request.dto';

const problems = async (body: object) =>
  (await validate(plainToInstance(ReplayWebhookRequest, body))).flatMap((error) => Object.values(error.constraints ?? {}));

describe('a replay request', () => {
  it('is valid from a position or from a time', async () => {
    expect(await problems({ fromPosition: '0' })).toEqual([]);
    expect(await problems({ since: '2026-11-01T00:00:00Z' })).toEqual([]);
  });

  it('rejects both at once and neither, naming the rule', async () => {
    expect(await problems({ fromPosition: '0', since: '2026-11-01T00:00:00Z' })).toContain(
      'exactly one of fromPosition and since is required',
    );
    expect(await problems({})).toContain('exactly one of fromPosition and since is required');
  });

  it('rejects a null since: it is no instant, and was read as the epoch', async () => {
    expect(await problems({ since: null })).not.toEqual([]);
    expect(await problems({ fromPosition: '0', since: null })).not.toEqual([]);
  });

  it('rejects a position that is not one', async () => {
    expect(await problems({ fromPosition: '-1' })).toEqual(['fromPosition must be a global position, e.g. "0"']);
  });
});
