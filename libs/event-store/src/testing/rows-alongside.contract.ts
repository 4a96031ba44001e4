import { randomUUID } from 'node:crypto';
import { RowAlreadyExistsError, type RowAlongside, WrongExpectedRevisionError } from '../event-store.port';
import { type ContractContext, aStreamName, anEvent, idsOf, someEvents } from './contract-fixtures';

/**
 * Rows of another table written in an append's transaction (AppendOptions.alongside): they commit
 * with the events or not at all. A store that cannot write them says so and refuses such an append.
 */
export function describeRowsAlongsideRules(context: ContractContext, writesRowsAlongside: boolean): void {
  const aRow = (note = 'a note', secret?: Buffer): RowAlongside & { values: { id: string } } => ({
    table: context.rowTable?.name ?? 'no_table',
    key: 'id',
    values: { id: randomUUID(), note, ...(secret ? { secret: `\\x${secret.toString('hex')}` } : {}) },
  });
  const stored = async (...rows: { values: { id: string } }[]) => {
    const ids = new Set(rows.map((row) => row.values.id));
    return ((await context.rowTable?.rows()) ?? []).filter((row) => ids.has(row.id));
  };

  it(`says that it ${writesRowsAlongside ? 'writes' : 'does not write'} rows alongside its events`, () => {
    expect(context.store.writesRowsAlongside).toBe(writesRowsAlongside);
  });

  if (!writesRowsAlongside) {
    it('refuses an append that carries rows, writing nothing', async () => {
      const stream = aStreamName();
      await expect(
        context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream', alongside: [aRow()] }),
      ).rejects.toThrow(/writes no rows alongside/);
      expect(await context.store.readStream(stream)).toEqual([]);
    });
    return;
  }

  describe('on a store that writes them', () => {
    beforeAll(() => {
      if (!context.rowTable) throw new Error(`The ${context.adapterName} adapter writes rows alongside but gave the contract no table`);
    });

    it('commits them with the events, each value in its column type, also after another instance appended', async () => {
      for (const { store } of context.instances) {
        const [plain, withSecret] = [aRow('plain'), aRow('sealed', Buffer.from([0, 1, 0xfe, 0xff]))];
        const stream = aStreamName();
        const events = someEvents(2);
        await store.appendToStream(stream, events, { expectedRevision: 'no_stream', alongside: [plain, withSecret] });
        expect(idsOf(await store.readStream(stream))).toEqual(idsOf(events));
        expect(await stored(plain, withSecret)).toEqual(
          expect.arrayContaining([
            { id: plain.values.id, note: 'plain', secret: null },
            { id: withSecret.values.id, note: 'sealed', secret: '0001feff' },
          ]),
        );
      }
      // The first instance again, after its peer moved the head: its guess of the head is wrong now.
      const [first] = context.instances;
      const row = aRow();
      await first?.store.appendToStream(aStreamName(), [anEvent()], { expectedRevision: 'no_stream', alongside: [row] });
      expect(await stored(row)).toHaveLength(1);
    });

    it('refuses an append whose row is already there: none of its events or rows, and the append beside it goes through', async () => {
      const taken = aRow('first');
      await context.store.appendToStream(aStreamName(), [anEvent()], { expectedRevision: 'no_stream', alongside: [taken] });
      const [refusedStream, besideStream] = [aStreamName(), aStreamName()];
      const [other, beside] = [aRow('other'), aRow('beside')];
      const [refused, wentThrough] = await Promise.allSettled([
        context.store.appendToStream(refusedStream, [anEvent()], {
          expectedRevision: 'no_stream',
          alongside: [other, { ...taken, values: { ...taken.values, note: 'second' } }],
        }),
        context.store.appendToStream(besideStream, [anEvent()], { expectedRevision: 'no_stream', alongside: [beside] }),
      ]);
      expect(refused).toMatchObject({ status: 'rejected', reason: expect.any(RowAlreadyExistsError) as unknown });
      expect(wentThrough.status).toBe('fulfilled');
      expect(await context.store.readStream(refusedStream)).toEqual([]);
      expect(await stored(taken, other, beside)).toEqual(
        expect.arrayContaining([
          { id: taken.values.id, note: 'first', secret: null },
          { id: beside.values.id, note: 'beside', secret: null },
        ]),
      );
      expect(await stored(other)).toEqual([]);
    });

    it('of two appends carrying the same row at once, keeps the first and refuses the other', async () => {
      const row = aRow('once');
      const streams = [aStreamName(), aStreamName()];
      const outcomes = await Promise.allSettled(
        streams.map((stream) => context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream', alongside: [row] })),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
      expect(outcomes[1]).toMatchObject({ reason: expect.any(RowAlreadyExistsError) as unknown });
      expect(await context.store.readStream(streams[1] ?? '')).toEqual([]);
      expect(await stored(row)).toHaveLength(1);
    });

    it('writes none of the rows of an append refused for its revision', async () => {
      const stream = aStreamName();
      await context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const row = aRow();
      await expect(
        context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream', alongside: [row] }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await stored(row)).toEqual([]);
    });

    it('refuses a retried append whose rows it wrote, so that the caller redoes it on the stored row; the events stay once', async () => {
      const stream = aStreamName();
      const [events, row] = [someEvents(2), aRow()];
      await context.store.appendToStream(stream, events, { expectedRevision: 'no_stream', alongside: [row] });
      await expect(
        context.store.appendToStream(stream, events, {
          expectedRevision: 'no_stream',
          alongside: [{ ...row, values: { ...row.values, note: 'again' } }],
        }),
      ).rejects.toBeInstanceOf(RowAlreadyExistsError);
      expect(idsOf(await context.store.readStream(stream))).toEqual(idsOf(events));
      expect(await context.store.appendToStream(stream, events, { expectedRevision: 'no_stream' })).toMatchObject({
        nextExpectedRevision: 1n,
      });
    });

    it('refuses, before it joins anything, a name that is not a plain identifier or a value holding NUL', async () => {
      const stream = aStreamName();
      const bad: RowAlongside[] = [
        { ...aRow(), table: 'es_events; DROP TABLE es_events' },
        { ...aRow(), key: 'missing' },
        { ...aRow(), values: { ...aRow().values, 'note"': 'x' } },
        { ...aRow(), values: { ...aRow().values, note: 'nul\u0000' } },
      ];
      for (const row of bad) {
        await expect(
          context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream', alongside: [row] }),
        ).rejects.toBeInstanceOf(TypeError);
      }
      expect(await context.store.readStream(stream)).toEqual([]);
    });
  });
}
