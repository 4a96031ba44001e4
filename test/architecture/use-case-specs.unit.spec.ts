import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A newcomer finds any use case in one folder with its test beside it (docs/architecture.md, "One
 * folder per use case"): every `<name>.handler.ts` of the API, command or query, has a
 * `<name>.handler.unit.spec.ts` or `<name>.handler.int.spec.ts` in the same folder.
 */
const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'apps', 'api', 'src');

function* handlersUnder(directory: string): Generator<{ directory: string; name: string; siblings: string[] }> {
  const entries = readdirSync(directory, { withFileTypes: true });
  const siblings = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  for (const file of siblings.filter((name) => name.endsWith('.handler.ts'))) {
    yield { directory, name: file.slice(0, -'.ts'.length), siblings };
  }
  for (const entry of entries) if (entry.isDirectory()) yield* handlersUnder(join(directory, entry.name));
}

/** The handlers with no spec of their own beside them, as paths from the repository's root. */
function handlersWithoutSpec(): string[] {
  const missing: string[] = [];
  for (const { directory, name, siblings } of handlersUnder(API)) {
    if (!siblings.some((sibling) => sibling === `${name}.unit.spec.ts` || sibling === `${name}.int.spec.ts`)) {
      missing.push(relative(ROOT, join(directory, `${name}.ts`)));
    }
  }
  return missing;
}

describe('use-case folders', () => {
  it('hold a spec beside every handler, commands and queries alike', () => {
    expect(handlersWithoutSpec()).toEqual([]);
  });

  it('count a handler among the ones found', () => {
    // The walk must see the handlers at all, or the check above passes on nothing.
    const handlers = [...handlersUnder(API)].map(({ name }) => name);
    expect(handlers).toEqual(expect.arrayContaining(['identify-person.handler', 'get-inbox.handler', 'read-task.handler']));
  });
});
