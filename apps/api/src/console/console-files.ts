import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/**
 * Where `vite build` puts the console: the repository's dist/console. This module runs either
 * compiled (dist/apps/api/src/console) or from source under ts-jest (apps/api/src/console), so
 * both places are tried; the first holding an index.html wins.
 */
export function consoleDirectory(): string | null {
  const candidates = [resolve(__dirname, '../../../../console'), resolve(__dirname, '../../../../dist/console')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
}

/** A file inside `root`, or null: never a path that climbs out of it, never a dotfile or a folder. */
export function consoleFile(root: string, relativePath: string): string | null {
  if (relativePath.split('/').some((part) => part.startsWith('.'))) return null;
  const file = resolve(root, relativePath);
  if (!file.startsWith(root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}
