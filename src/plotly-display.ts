/**
 * Showing plotly figures in a tslab notebook so they draw in three places: live
 * in JupyterLab, in a saved notebook reopened later (untrusted), and in an HTML
 * export. Each chart is sent as one bundle of three forms, and the viewer
 * picks the best it can draw:
 *   - application/vnd.plotly.v1+json: drawn by JupyterLab's plotly renderer
 *     (the jupyterlab-plotly extension of the `plotly` Python package, installed
 *     in .venv/), live and after reopening;
 *   - text/html: a div and a script calling Plotly.newPlot, used by HTML exports;
 *     it needs plotly.js, which showPlotlyLibrary() puts in the notebook once;
 *   - text/plain: a one-line description for plain-text viewers.
 *
 * tslab's public display API sends one MIME type per output, so the bundle goes
 * through tslab's own writer, `lastWriteDisplayData` in tslab/dist/jupyter.js
 * (tslab 1.0.22, pinned in package.json). That is tslab's internal API: this is
 * the only module that touches it, and its tests pin down the message it sends.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './paths';
import type { Figure } from './charts';
import type { EpochLog } from './progress';
import { trainingCurvesFigure } from './charts';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
type Writer = (message: DisplayMessage, update: boolean) => void;

function writer(): Writer {
  let jupyter: { lastWriteDisplayData: Writer | null };
  try {
    jupyter = require('tslab/dist/jupyter');
  } catch {
    throw new Error('Charts need the tslab package (npm ci installs it).');
  }
  if (typeof jupyter.lastWriteDisplayData !== 'function') {
    throw new Error('Charts can only be shown inside a notebook running on the tslab kernel (TypeScript).');
  }
  return jupyter.lastWriteDisplayData;
}

const CONFIG = { displaylogo: false, responsive: true };

/** Keeps "</script>" and friends inside a JSON string from ending the script tag. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function titleOf(figure: Figure): string {
  const title = (figure.layout.title as { text?: string } | undefined)?.text;
  return title ? title.replace(/<[^>]+>/g, ' ') : 'chart';
}

/** The three forms of one chart. `id` names its div in the HTML form. */
export function figureBundle(figure: Figure, id: string): Record<string, unknown> {
  const { width, height } = figure.layout as { width?: number; height?: number };
  const style = `width:${width ? `${width}px` : '100%'};height:${height ?? 450}px`;
  const html =
    `<div id="${id}" class="brain-plot" style="${style}"></div>\n` +
    `<script type="text/javascript">(function () {\n` +
    `  var figure = ${scriptSafeJson(figure)}, tries = 0;\n` +
    `  function draw() {\n` +
    `    var div = document.getElementById(${JSON.stringify(id)});\n` +
    `    if (!div) return;\n` +
    `    if (window.Plotly) { window.Plotly.newPlot(div, figure.data, figure.layout, ${JSON.stringify(CONFIG)}); return; }\n` +
    `    if (++tries < 200) { setTimeout(draw, 50); return; }\n` +
    `    div.textContent = "plotly.js is not loaded: run the notebook's first code cell, then this one.";\n` +
    `  }\n` +
    `  draw();\n` +
    `})();</script>`;
  return {
    [PLOTLY_MIME]: { data: figure.data, layout: figure.layout, config: CONFIG },
    'text/html': html,
    'text/plain': `[plotly chart: ${titleOf(figure)}]`,
  };
}

function newId(): string {
  return `brain-plot-${randomBytes(6).toString('hex')}`;
}

/** Shows a figure in the notebook. */
export function showFigure(figure: Figure): void {
  const id = newId();
  writer()({ data: figureBundle(figure, id), metadata: {}, transient: {} }, false);
}

/**
 * A chart that can be redrawn in place (same output, no wall of repeated charts).
 *
 * JupyterLab's plotly renderer draws a chart once and ignores later updates of
 * the same output, so an in-between drawing is sent as HTML only (JupyterLab runs
 * its script, since outputs made in the session are trusted, and it draws with
 * the plotly.js that showPlotlyLibrary loaded), and the final drawing as the full
 * bundle, which the renderer draws and which survives reopening and export.
 */
export class LiveFigure {
  private readonly id = newId();
  private shown = false;

  /** Draws `figure`, the first time as a new output, then in place of the previous drawing. */
  draw(figure: Figure, options: { final?: boolean } = {}): void {
    const bundle = figureBundle(figure, this.id);
    if (options.final === false) delete bundle[PLOTLY_MIME];
    writer()({ data: bundle, metadata: {}, transient: { display_id: this.id } }, this.shown);
    this.shown = true;
  }
}

/**
 * Training curves that grow while fit runs, one point per epoch, redrawn in
 * the same output. Pass its onEpochEnd to fitModel.
 */
export function liveTrainingCurves(epochs: number, title = 'Training'): { onEpochEnd: (log: EpochLog) => void; logs: EpochLog[] } {
  const live = new LiveFigure();
  const logs: EpochLog[] = [];
  live.draw(trainingCurvesFigure(logs, epochs, title), { final: false });
  return {
    logs,
    onEpochEnd: (log: EpochLog) => {
      logs.push(log);
      live.draw(trainingCurvesFigure(logs, epochs, title), { final: logs.length >= epochs });
    },
  };
}

let library: string | null = null;

/** plotly.js as one HTML script: lib/plotly.min.js, made by `npm run build` from the plotly.js-dist package. */
export function plotlyLibraryHtml(): string {
  if (library === null) {
    const file = path.join(PROJECT_ROOT, 'lib', 'plotly.min.js');
    if (!existsSync(file)) throw new Error(`${file} is missing; run \`npm run build\` to make it.`);
    const source = readFileSync(file, 'utf8');
    library =
      `<script type="text/javascript">/* plotly.js, so that charts also draw in HTML exports */\n` +
      `if (!window.Plotly) { (function () { var module = undefined, exports = undefined, define = undefined;\n` +
      `${source.replace(/<\/script/gi, '<\\/script')}\n}).call(window); }</script>`;
  }
  return library;
}

/**
 * Puts plotly.js into the notebook once (call it in the first code cell). JupyterLab
 * draws the charts without it; HTML exports of the notebook need it.
 */
export function showPlotlyLibrary(): void {
  writer()(
    {
      data: {
        'text/html': plotlyLibraryHtml(),
        'text/plain': 'plotly.js is loaded for this notebook.',
      },
      metadata: {},
      transient: {},
    },
    false,
  );
}
