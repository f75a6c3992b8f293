/** Fresh temporary folders for tests, removed again after the test. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

/** A new empty folder under the OS temp dir; call removeTempDirs() in after(). */
export function makeTempDir(prefix = 'brain-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
}

/** The names in a folder, sorted. */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}
