import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runDataCommand } from '../../src/cli/data';

test('npm run data with no data anywhere and no network exits 1 with one message listing the options', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'brain-cli-'));
  // A port that refuses connections: take a free one, then close it.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runDataCommand(
      {
        projectDir: path.join(root, 'data'),
        debianDir: path.join(root, 'no-debian'),
        env: {},
        baseUrl: `http://127.0.0.1:${port}/`,
        timeoutMs: 2000,
      },
      (l) => out.push(l),
      (l) => err.push(l),
    );
    assert.equal(code, 1);
    assert.equal(err.length, 1, 'one message');
    const message = err[0];
    assert.match(message, /could not be downloaded/);
    assert.match(message, /apt-get install dataset-fashion-mnist/);
    assert.match(message, /FASHION_MNIST_DIR/);
    assert.match(message, /npm run data/);
    assert.deepEqual(readdirSync(path.join(root, 'data')), [], 'no partial file left in the data folder');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
