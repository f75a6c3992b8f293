/**
 * Committed lessons are clean: no outputs, no execution counts, the tslab
 * kernel, prose first, a summary and exercises at the end, listed in the README,
 * and importing the course library only through "../lib".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, 'notebooks');
const names = readdirSync(DIR).filter((f) => f.endsWith('.ipynb')).sort();
const src = (cell: { source: string | string[] }) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

test('there are lessons', () => {
  assert.ok(names.length >= 8, `expected at least 8 lessons, found ${names.length}`);
});

for (const name of names) {
  test(`${name} is committed clean, on the tslab kernel`, () => {
    const nb = JSON.parse(readFileSync(path.join(DIR, name), 'utf8'));
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.metadata?.kernelspec?.name, 'tslab', 'kernelspec must be tslab');
    assert.equal(nb.metadata?.kernelspec?.language, 'typescript');
    nb.cells.forEach((cell: { cell_type: string; outputs?: unknown[]; execution_count?: number | null; source: string }, i: number) => {
      if (cell.cell_type === 'code') {
        assert.deepEqual(cell.outputs, [], `${name} cell ${i} has outputs; run \`npm run notebooks:clean\``);
        assert.equal(cell.execution_count, null, `${name} cell ${i} has an execution count; run \`npm run notebooks:clean\``);
        for (const m of src(cell).matchAll(/from\s+"(\.[^"]*)"/g)) {
          assert.equal(m[1], '../lib', `${name} cell ${i} imports ${m[1]}; lessons import the course library from "../lib"`);
        }
      }
    });
  });

  test(`${name} starts with prose and ends with a summary and exercises`, () => {
    const nb = JSON.parse(readFileSync(path.join(DIR, name), 'utf8'));
    const markdown = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'markdown').map(src).join('\n');
    assert.equal(nb.cells[0].cell_type, 'markdown');
    assert.match(src(nb.cells[0]), new RegExp(`^# Lesson ${Number(name.slice(0, 2))}: `));
    assert.match(markdown, /^## Summary$/m);
    assert.match(markdown, /^## Exercises$/m);
  });

  test(`${name} is in the README's lesson map`, () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(`notebooks/${name}`), `README.md does not list notebooks/${name}`);
  });
}
