import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/** Is tfjs-node's native binding built here? (The package alone may be installed without it.) */
export function nativeBuilt(): boolean {
  try {
    const lib = path.join(path.dirname(require.resolve('@tensorflow/tfjs-node/package.json')), 'lib');
    return readdirSync(lib).some((d) => existsSync(path.join(lib, d, 'tfjs_binding.node')));
  } catch {
    return false;
  }
}
