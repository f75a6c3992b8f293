import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { ensureFashionMnist, findLocalData, NoDataError } from '../../src/data-source';
import { readFashionMnistDir } from '../../src/data';
import { tinyDataset, writeFixtures } from './helpers/fixtures';
import { startServer, TestServer } from './helpers/server';
import { listDir, makeTempDir, removeTempDirs } from './helpers/tmp';

after(removeTempDirs);

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const { files, manifest } = tinyDataset([0, 1, 2, 3], [4, 5]);

/** A folder holding all four tiny files. */
function fullDir(): string {
  const dir = makeTempDir();
  writeFixtures(dir, files);
  return dir;
}

function noDataError(...needles: string[]) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof NoDataError, `expected NoDataError, got ${err}`);
    for (const n of needles) assert.ok(err.message.includes(n), `"${n}" in: ${err.message}`);
    return true;
  };
}

/** Serves the tiny files under /data/; any other path is a 404. */
async function serveFiles(status = 200): Promise<TestServer> {
  return startServer((req, res) => {
    const f = files.find((x) => req.url === `/data/${x.entry.name}`);
    if (!f || status !== 200) {
      res.writeHead(status === 200 ? 404 : status);
      res.end('not here');
      return;
    }
    res.writeHead(200, { 'Content-Length': f.gz.length });
    res.end(f.gz);
  });
}

test('findLocalData prefers the project folder over FASHION_MNIST_DIR and Debian', () => {
  const project = fullDir();
  const found = findLocalData({ projectDir: project, debianDir: fullDir(), env: { FASHION_MNIST_DIR: fullDir() }, files: manifest });
  assert.equal(found?.kind, 'project');
  assert.equal(found?.dir, project);
});

test('findLocalData uses FASHION_MNIST_DIR before Debian when the project copy is incomplete', () => {
  const project = fullDir();
  unlinkSync(path.join(project, manifest[3].name)); // 3 of 4 files is not enough
  const envDir = fullDir();
  const found = findLocalData({ projectDir: project, debianDir: fullDir(), env: { FASHION_MNIST_DIR: envDir }, files: manifest });
  assert.equal(found?.kind, 'env');
  assert.equal(found?.dir, envDir);
  assert.ok(found?.description.includes(envDir));
});

test('findLocalData falls back to the Debian folder', () => {
  const debian = fullDir();
  const found = findLocalData({ projectDir: makeTempDir(), debianDir: debian, env: {}, files: manifest });
  assert.equal(found?.kind, 'debian');
  assert.equal(found?.dir, debian);
});

test('findLocalData returns null when no folder has all the files', () => {
  const partial = fullDir();
  unlinkSync(path.join(partial, manifest[0].name));
  assert.equal(findLocalData({ projectDir: makeTempDir(), debianDir: partial, env: {}, files: manifest }), null);
});

test('FASHION_MNIST_DIR set to a folder missing files -> NoDataError naming exactly the missing files', () => {
  const envDir = fullDir();
  unlinkSync(path.join(envDir, manifest[1].name));
  unlinkSync(path.join(envDir, manifest[2].name));
  assert.throws(
    () => findLocalData({ projectDir: makeTempDir(), debianDir: fullDir(), env: { FASHION_MNIST_DIR: envDir }, files: manifest }),
    (err: unknown) => {
      noDataError('FASHION_MNIST_DIR', envDir, `${manifest[1].name}, ${manifest[2].name}`)(err);
      const msg = (err as Error).message;
      assert.ok(!msg.includes(manifest[0].name) && !msg.includes(manifest[3].name), 'present files are not listed as missing');
      return true;
    },
  );
});

test('ensureFashionMnist returns a local copy without touching the network', async () => {
  const project = fullDir();
  server = await serveFiles();
  const source = await ensureFashionMnist({
    projectDir: project, debianDir: makeTempDir(), env: {}, files: manifest, baseUrl: `${server.origin}/data/`,
  });
  assert.equal(source.kind, 'project');
  assert.deepEqual(server.requests, []);
});

test('nothing local and the server answers 404 -> NoDataError listing every fix, no partial files', async () => {
  server = await serveFiles(404);
  const project = path.join(makeTempDir(), 'data', 'fashion-mnist');
  await assert.rejects(
    ensureFashionMnist({ projectDir: project, debianDir: makeTempDir(), env: {}, files: manifest, baseUrl: `${server.origin}/data/`, timeoutMs: 2000 }),
    noDataError('404', 'apt-get install dataset-fashion-mnist', 'FASHION_MNIST_DIR', 'npm run data'),
  );
  assert.equal(server.requests.length, 1, 'stops at the first failure');
  assert.deepEqual(listDir(project), []);
});

test('a download whose MD5 is wrong becomes a NoDataError and leaves nothing in projectDir', async () => {
  server = await serveFiles();
  const project = makeTempDir();
  const badManifest = manifest.map((f, i) => (i === 0 ? { ...f, gzMd5: '0'.repeat(32) } : f));
  await assert.rejects(
    ensureFashionMnist({ projectDir: project, debianDir: makeTempDir(), env: {}, files: badManifest, baseUrl: `${server.origin}/data/` }),
    noDataError('MD5', '0'.repeat(32)),
  );
  assert.deepEqual(listDir(project), []);
});

test('a failure on the third file keeps the two verified files and no .part file', async () => {
  server = await startServer((req, res) => {
    const f = files.find((x) => req.url === `/data/${x.entry.name}`);
    if (!f || f === files[2]) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.end(f.gz);
  });
  const project = makeTempDir();
  await assert.rejects(
    ensureFashionMnist({ projectDir: project, debianDir: makeTempDir(), env: {}, files: manifest, baseUrl: `${server.origin}/data/` }),
    NoDataError,
  );
  assert.deepEqual(listDir(project), [manifest[0].name, manifest[1].name].sort());
});

test('a download from a local server with the right MD5s puts all four files in projectDir', async () => {
  server = await serveFiles();
  const project = path.join(makeTempDir(), 'fresh', 'fashion-mnist'); // does not exist yet
  const lines: string[] = [];
  const source = await ensureFashionMnist({
    projectDir: project, debianDir: makeTempDir(), env: {}, files: manifest,
    baseUrl: `${server.origin}/data/`, log: (l) => lines.push(l),
  });
  assert.equal(source.kind, 'download');
  assert.equal(source.dir, project);
  assert.deepEqual(listDir(project), manifest.map((f) => f.name).sort());
  for (const f of files) assert.deepEqual(readFileSync(path.join(project, f.entry.name)), f.gz);
  assert.deepEqual(server.requests, manifest.map((f) => `/data/${f.name}`));
  assert.equal(lines.length, 4);
  // ... and what arrived reads back as the tiny dataset.
  const { train, valid } = readFashionMnistDir(project, manifest);
  assert.deepEqual(Array.from(train.labels), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(valid.labels), [4, 5]);
});

test('only the missing files are downloaded when part of the project copy is there', async () => {
  server = await serveFiles();
  const project = fullDir();
  unlinkSync(path.join(project, manifest[1].name));
  const source = await ensureFashionMnist({
    projectDir: project, debianDir: makeTempDir(), env: {}, files: manifest, baseUrl: `${server.origin}/data/`,
  });
  assert.equal(source.kind, 'download');
  assert.deepEqual(server.requests, [`/data/${manifest[1].name}`]);
  assert.ok(existsSync(path.join(project, manifest[1].name)));
});
