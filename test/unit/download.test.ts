import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDownloadUrl, DownloadError, downloadFile } from '../../src/download';
import { md5 } from './helpers/fixtures';
import { startServer, TestServer } from './helpers/server';
import { listDir, makeTempDir, removeTempDirs } from './helpers/tmp';

after(removeTempDirs);

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const BODY = Buffer.from('pretend this is a gzip file\n'.repeat(20)); // 28 * 20 = 560 bytes

function downloadError(...needles: (string | RegExp)[]) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof DownloadError, `expected DownloadError, got ${err}`);
    for (const n of needles) {
      if (typeof n === 'string') assert.ok(err.message.includes(n), `"${n}" in: ${err.message}`);
      else assert.match(err.message, n);
    }
    return true;
  };
}

test('downloadFile saves the body when the MD5 matches, and leaves no temporary file', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'Content-Length': BODY.length });
    res.end(BODY);
  });
  const dir = makeTempDir();
  const dest = path.join(dir, 'file.gz');
  await downloadFile(`${server.origin}/file.gz`, dest, { maxBytes: 10_000, expectedMd5: md5(BODY) });
  assert.deepEqual(readFileSync(dest), BODY);
  assert.deepEqual(listDir(dir), ['file.gz']);
  assert.deepEqual(server.requests, ['/file.gz']);
});

test('downloadFile accepts a chunked body (no Content-Length) of the right MD5', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200);
    res.write(BODY.subarray(0, 100));
    setTimeout(() => res.end(BODY.subarray(100)), 20);
  });
  const dir = makeTempDir();
  const dest = path.join(dir, 'file.gz');
  await downloadFile(`${server.origin}/file.gz`, dest, { maxBytes: 10_000, expectedMd5: md5(BODY) });
  assert.deepEqual(readFileSync(dest), BODY);
  assert.deepEqual(listDir(dir), ['file.gz']);
});

test('HTTP 403 -> DownloadError mentioning 403, and no file left', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(403, { 'Content-Type': 'text/html' });
    res.end('<html>403 Forbidden</html>');
  });
  const dir = makeTempDir();
  await assert.rejects(
    downloadFile(`${server.origin}/file.gz`, path.join(dir, 'file.gz'), { maxBytes: 10_000, expectedMd5: md5(BODY) }),
    downloadError('403', `${server.origin}/file.gz`),
  );
  assert.deepEqual(listDir(dir), []);
});

test('an MD5 mismatch -> DownloadError naming both MD5s, and no file left', async () => {
  server = await startServer((_req, res) => res.end(BODY));
  const dir = makeTempDir();
  const wanted = md5(Buffer.from('the real file'));
  await assert.rejects(
    downloadFile(`${server.origin}/file.gz`, path.join(dir, 'file.gz'), { maxBytes: 10_000, expectedMd5: wanted }),
    downloadError(md5(BODY), wanted, 'not kept'),
  );
  assert.deepEqual(listDir(dir), []);
});

test('a declared Content-Length above maxBytes is refused before reading, and no file left', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'Content-Length': BODY.length });
    res.end(BODY);
  });
  const dir = makeTempDir();
  await assert.rejects(
    downloadFile(`${server.origin}/file.gz`, path.join(dir, 'file.gz'), { maxBytes: 100, expectedMd5: md5(BODY) }),
    downloadError(`${BODY.length} bytes`, '100'),
  );
  assert.deepEqual(listDir(dir), []);
});

test('a chunked body that grows past maxBytes is cut off, and no file (not even a .part) left', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200); // no Content-Length: the size is only known while reading
    let sent = 0;
    const tick = setInterval(() => {
      if (res.destroyed || sent >= 5000) {
        clearInterval(tick);
        res.end();
        return;
      }
      res.write(Buffer.alloc(500, 1));
      sent += 500;
    }, 5);
  });
  const dir = makeTempDir();
  await assert.rejects(
    downloadFile(`${server.origin}/big.gz`, path.join(dir, 'big.gz'), { maxBytes: 1200, expectedMd5: md5(BODY) }),
    downloadError('larger than the 1200 bytes'),
  );
  assert.deepEqual(listDir(dir), []);
});

test('a connection that ends after 100 of 1000 promised bytes -> error, and no file left', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'Content-Length': 1000 });
    res.write(Buffer.alloc(100, 2));
    setTimeout(() => res.socket?.destroy(), 30);
  });
  const dir = makeTempDir();
  await assert.rejects(
    downloadFile(`${server.origin}/cut.gz`, path.join(dir, 'cut.gz'), { maxBytes: 10_000, expectedMd5: md5(Buffer.alloc(1000, 2)) }),
    // Either undici notices the early close ("failed after 100 bytes") or the length check does ("after 100 of 1000 bytes").
    downloadError(/after 100 (of 1000 )?bytes/),
  );
  assert.deepEqual(listDir(dir), []);
});

test('a server that never answers -> "timed out" after timeoutMs, and no file left', async () => {
  server = await startServer(() => {
    /* never answer */
  });
  const dir = makeTempDir();
  const t0 = Date.now();
  await assert.rejects(
    downloadFile(`${server.origin}/slow.gz`, path.join(dir, 'slow.gz'), { maxBytes: 10_000, expectedMd5: md5(BODY), timeoutMs: 300 }),
    downloadError('timed out'),
  );
  const waited = Date.now() - t0;
  assert.ok(waited >= 250 && waited < 5000, `gave up after ${waited} ms, expected about 300`);
  assert.deepEqual(listDir(dir), []);
});

test('a server that sends headers and then stalls the body also times out, and no file left', async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'Content-Length': 1000 });
    res.write(Buffer.alloc(10));
    // ... and nothing more
  });
  const dir = makeTempDir();
  await assert.rejects(
    downloadFile(`${server.origin}/stall.gz`, path.join(dir, 'stall.gz'), { maxBytes: 10_000, expectedMd5: md5(BODY), timeoutMs: 300 }),
    downloadError('timed out'),
  );
  assert.deepEqual(listDir(dir), []);
});

test('a failed download leaves an existing file at dest untouched', async () => {
  server = await startServer((_req, res) => res.end(BODY));
  const dir = makeTempDir();
  const dest = path.join(dir, 'file.gz');
  writeFileSync(dest, 'old content');
  await assert.rejects(
    downloadFile(`${server.origin}/file.gz`, dest, { maxBytes: 10_000, expectedMd5: md5(Buffer.from('other')) }),
    DownloadError,
  );
  assert.equal(readFileSync(dest, 'utf8'), 'old content');
  assert.deepEqual(listDir(dir), ['file.gz']);
});

test('a refused connection (nothing listening) -> DownloadError "connection failed"', async () => {
  const s = await startServer((_req, res) => res.end());
  const origin = s.origin;
  await s.close(); // the port is now closed
  const dir = makeTempDir();
  await assert.rejects(
    downloadFile(`${origin}/file.gz`, path.join(dir, 'file.gz'), { maxBytes: 10, expectedMd5: md5(BODY), timeoutMs: 2000 }),
    downloadError('connection failed'),
  );
  assert.deepEqual(listDir(dir), []);
});

test('checkDownloadUrl refuses plain http to other hosts and other protocols', () => {
  for (const url of ['http://example.com/x.gz', 'ftp://example.com/x.gz', 'file:///etc/passwd', 'http://127.0.0.2/x.gz']) {
    assert.throws(() => checkDownloadUrl(url), downloadError('only https://'), url);
  }
});

test('checkDownloadUrl refuses something that is not a URL', () => {
  assert.throws(() => checkDownloadUrl('not a url'), downloadError('not a valid URL'));
});

test('checkDownloadUrl accepts https anywhere and http to loopback only', () => {
  assert.equal(checkDownloadUrl('https://example.com/a.gz').hostname, 'example.com');
  assert.equal(checkDownloadUrl('http://127.0.0.1:8080/a.gz').port, '8080');
  assert.equal(checkDownloadUrl('http://localhost/a.gz').hostname, 'localhost');
  assert.equal(checkDownloadUrl('http://[::1]/a.gz').hostname, '[::1]');
});

test('downloadFile refuses a plain-http URL before any request is made', async () => {
  const dir = makeTempDir();
  await assert.rejects(
    downloadFile('http://example.com/x.gz', path.join(dir, 'x.gz'), { maxBytes: 10, expectedMd5: md5(BODY) }),
    downloadError('only https://'),
  );
  assert.deepEqual(listDir(dir), []);
});

test(
  'downloadFile into a folder that does not exist rejects (instead of an unhandled stream error)',
  async () => {
    server = await startServer((_req, res) => res.end(BODY));
    const missing = path.join(makeTempDir(), 'no-such-folder', 'file.gz');
    await assert.rejects(
      downloadFile(`${server.origin}/file.gz`, missing, { maxBytes: 10_000, expectedMd5: md5(BODY), timeoutMs: 2000 }),
      /ENOENT|no-such-folder/,
    );
  },
);
