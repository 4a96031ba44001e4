import { Throttle } from './throttle';

/** A task that stays running until its test lets it finish. */
function task(log: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Throttle', () => {
  it('runs at most its limit at once, the others in their order as places free up', async () => {
    const throttle = new Throttle(1);
    const log: string[] = [];
    const [a, b, c] = [task(log, 'a'), task(log, 'b'), task(log, 'c')];
    const results = [throttle.run(a.run), throttle.run(b.run), throttle.run(c.run)];
    await settle();
    expect(log).toEqual(['start a']);

    a.finish();
    await settle();
    expect(log).toEqual(['start a', 'end a', 'start b']);

    b.finish();
    c.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('starts every waiting task once released, and every later one at once', async () => {
    const throttle = new Throttle(1);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c'].map((name) => task(log, name));
    const results = tasks.map((t) => throttle.run(t.run));
    await settle();

    throttle.release();
    const late = task(log, 'd');
    const lateResult = throttle.run(late.run);
    await settle();
    expect([...log].sort()).toEqual(['start a', 'start b', 'start c', 'start d']);

    for (const t of [...tasks, late]) t.finish();
    expect(await Promise.all([...results, lateResult])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('frees the place of a task that fails', async () => {
    const throttle = new Throttle(1);
    const failed = throttle.run(() => Promise.reject(new Error('statement failed')));
    const next = throttle.run(() => Promise.resolve('next'));

    await expect(failed).rejects.toThrow('statement failed');
    await expect(next).resolves.toBe('next');
  });
});
