/**
 * Downloading one file safely: HTTPS only, a time limit, a size limit, an MD5
 * check, and nothing left behind unless the whole, verified file arrived (it is
 * written to a temporary name and renamed only at the end).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export class DownloadError extends Error {
  constructor(
    readonly url: string,
    problem: string,
  ) {
    super(`Could not download ${url}: ${problem}`);
    this.name = 'DownloadError';
  }
}

export interface DownloadOptions {
  /** Refuse (and delete) anything larger than this many bytes. */
  maxBytes: number;
  /** The MD5 the downloaded bytes must have, in hex. */
  expectedMd5: string;
  /** Give up after this long, including the body. Default: 120 s. */
  timeoutMs?: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Only https URLs, except plain http to this machine's loopback (used by the tests' local server). */
export function checkDownloadUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError(url, 'this is not a valid URL.');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return parsed;
  throw new DownloadError(url, 'only https:// downloads are allowed.');
}

/** Downloads `url` to `dest`, verified; on any failure `dest` is untouched and no partial file remains. */
export async function downloadFile(url: string, dest: string, options: DownloadOptions): Promise<void> {
  checkDownloadUrl(url);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const temp = `${dest}.part-${process.pid}-${Date.now()}`;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal, redirect: 'follow' });
    } catch (err) {
      throw new DownloadError(url, describeFetchFailure(err, timeoutMs));
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadError(url, `the server answered HTTP ${response.status} ${response.statusText}`.trim() + '.');
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadError(url, `it is ${declared} bytes, more than the ${options.maxBytes} allowed.`);
    }
    if (!response.body) throw new DownloadError(url, 'the server sent no body.');

    const hash = createHash('md5');
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(temp, 'wx');
    } catch (err) {
      await response.body.cancel().catch(() => undefined);
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new DownloadError(url, `cannot write into ${path.dirname(dest)} (${code}); check that the folder exists and is writable.`);
    }
    const out = handle.createWriteStream();
    let writeError: Error | null = null;
    out.on('error', (err) => {
      writeError = err;
    });
    let received = 0;
    try {
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          received += chunk.length;
          if (received > options.maxBytes) {
            throw new DownloadError(url, `it is larger than the ${options.maxBytes} bytes allowed.`);
          }
          hash.update(chunk);
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
      } catch (err) {
        if (err instanceof DownloadError) throw err;
        throw new DownloadError(url, describeFetchFailure(err, timeoutMs, received));
      }
    } finally {
      await new Promise<void>((resolve) => out.end(() => resolve()));
    }
    if (writeError) throw new DownloadError(url, `writing ${temp} failed (${(writeError as Error).message}).`);
    if (Number.isFinite(declared) && received !== declared) {
      throw new DownloadError(url, `the connection ended after ${received} of ${declared} bytes.`);
    }
    const md5 = hash.digest('hex');
    if (md5 !== options.expectedMd5) {
      throw new DownloadError(
        url,
        `its MD5 is ${md5}, not the published ${options.expectedMd5}, so it was not kept.`,
      );
    }
    await fs.rename(temp, dest);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

function describeFetchFailure(err: unknown, timeoutMs: number, received?: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const after = received === undefined ? '' : ` after ${received} bytes`;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return `no complete answer within ${Math.round(timeoutMs / 1000)} s${after} (timed out).`;
  }
  const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return `the connection failed${after} (${cause}).`;
}
