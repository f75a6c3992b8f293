/**
 * `npm run bench -- --quick` works end to end: every trainer runs in its own
 * process (or says why it is skipped), and the table and the JSON are written.
 * Speed targets live in the full benchmark, never here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { median } from '../../bench/run';

const ROOT = path.resolve(__dirname, '..', '..');

test('median of odd and even counts', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

test('npm run bench -- --quick trains with each available trainer and writes its results', { timeout: 600_000 }, () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  assert.match(out, /trainer\s+s\/epoch\s+fit s\s+x Keras/);
  const result = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'results', 'latest-quick.json'), 'utf8'));
  assert.equal(result.settings.quick, true);
  assert.ok(result.dataLoadSeconds > 0);
  const names = result.trainers.map((t: { trainer: string }) => t.trainer);
  assert.deepEqual(names, ['tfjs tensorflow', 'tfjs wasm', 'tfjs cpu', 'keras']);
  for (const t of result.trainers) {
    if (t.skipped) {
      assert.notEqual(t.trainer, 'tfjs wasm', 'wasm is always available');
      assert.notEqual(t.trainer, 'tfjs cpu', 'cpu is always available');
      continue;
    }
    assert.ok(t.fitSeconds > 0, `${t.trainer}: fit time`);
    assert.ok(t.peakRssMB > 50, `${t.trainer}: peak RSS`);
    // One epoch on 3,000 scaled images: far better than guessing (10%).
    assert.ok(t.valAccuracy > 0.5, `${t.trainer}: validation accuracy ${t.valAccuracy}`);
    assert.match(out, new RegExp(t.trainer));
  }
});
