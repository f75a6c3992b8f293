/**
 * Everything the notebooks use, in one import:
 *   import { loadFashionMnist, buildArticleModel, ... } from "../lib";
 * (lib/ is src/ compiled by `npm run build`; see the README for why.)
 */
export * from './article-brain';
export * from './backend';
export * from './charts';
export * from './checkpoint';
export * from './classes';
export * from './data';
export * from './data-source';
export * from './download';
export * from './evaluate';
export * from './fast-kernels';
export * from './fashion-mnist-files';
export * from './html-views';
export * from './idx';
export * from './loss';
export * from './model';
export * from './neuron';
export * from './optimizer';
export * from './paths';
export * from './plotly-display';
export * from './preprocess';
export * from './progress';
export * from './seed';
export * from './templates';
export * from './train';
