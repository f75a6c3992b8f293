/** Where things live in the project, wherever the code runs from (src/ under tsx, lib/ once built). */
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
/** Fashion-MNIST files fetched by `npm run data` (git-ignored). */
export const PROJECT_DATA_DIR = path.join(PROJECT_ROOT, 'data', 'fashion-mnist');
/** Where Debian's `dataset-fashion-mnist` package puts the files. */
export const DEBIAN_DATA_DIR = '/usr/share/datasets/fashion-mnist';
/** Trained models saved by one lesson for the next (git-ignored); BRAIN_MODELS_DIR moves it (the tests use a temp folder). */
export const MODELS_DIR = process.env.BRAIN_MODELS_DIR || path.join(PROJECT_ROOT, 'models');
