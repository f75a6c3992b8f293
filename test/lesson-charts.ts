/**
 * How many plotly charts each lesson draws (each one a single output, even when it
 * grows live). Shared by the kernel test (test/notebooks) and the browser test
 * (test/browser); a new lesson adds its line here.
 */
export const CHARTS: Record<string, number> = {
  '01-the-neuron.ipynb': 0,
  '02-from-a-line-to-a-layer.ipynb': 2,
  '03-the-data.ipynb': 3,
  '04-the-architecture.ipynb': 0,
  '05-compile.ipynb': 1,
  '06-fit.ipynb': 1,
  '07-evaluate-and-predict.ipynb': 3,
  '08-beyond-the-article.ipynb': 5,
};
