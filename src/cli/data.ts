/** `npm run data`: find or download Fashion-MNIST, verify it, and say where it came from. */
import { loadFashionMnist } from '../data';
import { EnsureOptions, NoDataError } from '../data-source';
import { DataFileError } from '../idx';

/** Runs the command; returns its exit code. Options let the tests point it at their own folders and server. */
export async function runDataCommand(
  options: EnsureOptions = {},
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  try {
    const t0 = Date.now();
    const data = await loadFashionMnist({ log: out, ...options });
    out(`Fashion-MNIST is ready: ${data.train.count} training and ${data.valid.count} validation images.`);
    out(`Source: ${data.source.description}.`);
    out(`All four files match their published checksums (checked in ${Date.now() - t0} ms).`);
    return 0;
  } catch (e) {
    if (e instanceof NoDataError || e instanceof DataFileError) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  runDataCommand().then((code) => {
    process.exitCode = code;
  });
}
