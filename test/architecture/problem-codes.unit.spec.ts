import { PROBLEM_CODES, PROBLEM_SCHEMA } from '@passerelle/http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The code base's TypeScript outside tests; the FHIR facade answers OperationOutcomes, not problems. */
function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'testing' || name === 'fhir' ? [] : sources(path);
    return name.endsWith('.ts') && !/\.(spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * The `Problem` schema of the OpenAPI document enumerates the stable `code`s a client may branch
 * on (libs/http/src/openapi/problem-codes.ts). `problem()` only takes a listed code and the
 * deciders' helpers only listed business codes, so a new code fails to compile; this test reads
 * the source as well, so that a code slipped through a cast or a new error helper is caught too.
 */
describe('the codes of problem documents', () => {
  const raised = new Map<string, string>();
  beforeAll(() => {
    for (const file of [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]) {
      const text = readFileSync(file, 'utf8');
      const calls = /\b(?:problem\(\s*\d{3},|notFound\(|conflict\(|unprocessable\(|forbidden\()\s*'([A-Z][A-Z_]*(?:\.[A-Z_]+)*)'/g;
      for (const [, code] of text.matchAll(calls)) if (code) raised.set(code, relative(ROOT, file));
    }
  });

  it('finds the codes raised in the source (so that the next test checks something)', () => {
    expect(raised.size).toBeGreaterThan(60);
    expect([...raised.keys()]).toEqual(expect.arrayContaining(['REQUEST.VALIDATION', 'AUTH.UNAUTHENTICATED', 'REFERRAL.NOT_RECEIVER']));
  });

  it('lists every code raised anywhere in the Problem schema’s enum', () => {
    const listed = new Set<string>(PROBLEM_CODES);
    const missing = [...raised].filter(([code]) => !listed.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('raises business errors only through the typed helpers, whose codes must be listed', () => {
    const direct = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]
      .filter((file) => !file.endsWith(join('shared', 'domain-error.ts')))
      .filter((file) => readFileSync(file, 'utf8').includes('new DomainError('))
      .map((file) => relative(ROOT, file));
    expect(direct).toEqual([]);
  });

  it('gives the Problem schema exactly that list', () => {
    const code = (PROBLEM_SCHEMA.properties as Record<string, { enum: string[] }>).code;
    expect(code?.enum).toEqual([...PROBLEM_CODES]);
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
  });
});
