/** `npm run data`: find or download Fashion-MNIST, verify it, and say where it came from. */
import { loadFashionMnist } from '../data';
import { NoDataError } from '../data-source';
import { DataFileError } from '../idx';

async function main(): Promise<number> {
  try {
    const t0 = Date.now();
    const data = await loadFashionMnist({ log: (line) => console.log(line) });
    console.log(`Fashion-MNIST is ready: ${data.train.count} training and ${data.valid.count} validation images.`);
    console.log(`Source: ${data.source.description}.`);
    console.log(`All four files match their published checksums (checked in ${Date.now() - t0} ms).`);
    return 0;
  } catch (err) {
    if (err instanceof NoDataError || err instanceof DataFileError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

main().then((code) => {
  process.exitCode = code;
});
