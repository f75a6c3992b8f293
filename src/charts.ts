/**
 * Plotly figures for the lessons, as plain data ({ data, layout }): image grids
 * as heatmaps, bars, training curves, the confusion matrix. Building a figure
 * touches no browser and no kernel, so the tests check these objects directly;
 * plotly-display.ts sends them to the notebook.
 */
import { CLASS_NAMES, IMAGE_SIZE } from './classes';
import type { Prediction } from './evaluate';
import type { EpochLog } from './progress';

export type Trace = Record<string, unknown>;
export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
}

const FONT = { family: 'system-ui, sans-serif', size: 12 };
const RED = '#d62728';
const BLUE = '#4c78a8';
const ORANGE = '#f58518';

/** Plotly names subplot i's axes x, y for the first and x2, y2, x3, ... after it. */
function axisSuffix(i: number): string {
  return i === 0 ? '' : String(i + 1);
}

/** A title written just above subplot `n` (an axis suffix), anchored to its domain. */
function subplotTitle(n: string, text: string, color: string, place: { x: number; y: number; xanchor: string; size?: number }): Record<string, unknown> {
  return {
    text,
    xref: `x${n} domain`,
    yref: `y${n} domain`,
    x: place.x,
    y: place.y,
    xanchor: place.xanchor,
    yanchor: 'bottom',
    showarrow: false,
    font: place.size ? { size: place.size, color } : { color },
  };
}

/** 784 values -> 28 rows of 28, rounded so the figure stays small. */
export function toRows(values: ArrayLike<number>, size = IMAGE_SIZE): number[][] {
  if (values.length !== size * size) {
    throw new RangeError(`toRows: got ${values.length} values for a ${size} x ${size} image (needs ${size * size}).`);
  }
  const rows: number[][] = [];
  for (let r = 0; r < size; r++) {
    const row: number[] = [];
    for (let c = 0; c < size; c++) row.push(Math.round(values[r * size + c] * 1e4) / 1e4);
    rows.push(row);
  }
  return rows;
}

export interface ImageTile {
  /** 784 values: pixels 0..255, or weights with colors: 'diverging'. */
  pixels: ArrayLike<number>;
  title: string;
  /** Title in red (e.g. a wrong prediction). */
  flag?: boolean;
}

/**
 * Images in a grid of heatmaps, each with its title above it. Gray: 0 = black,
 * 255 = white. Diverging (weights): blue negative, white zero, red positive,
 * each tile scaled to its own largest |value|.
 */
export function imageGridFigure(
  tiles: readonly ImageTile[],
  options: { columns?: number; colors?: 'gray' | 'diverging'; title?: string; tileSize?: number } = {},
): Figure {
  if (tiles.length === 0) throw new RangeError('imageGridFigure: needs at least one image.');
  const columns = Math.min(options.columns ?? 5, tiles.length);
  const rows = Math.ceil(tiles.length / columns);
  const tile = options.tileSize ?? 110;
  const diverging = options.colors === 'diverging';
  const layout: Record<string, unknown> = {
    grid: { rows, columns, pattern: 'independent', xgap: 0.12, ygap: 0.25 },
    width: columns * tile + 40,
    height: rows * (tile + 28) + (options.title ? 50 : 20),
    margin: { l: 10, r: 10, t: options.title ? 60 : 30, b: 10 },
    font: FONT,
    showlegend: false,
    annotations: [] as Record<string, unknown>[],
  };
  if (options.title) layout.title = { text: options.title };
  const data = tiles.map((t, i) => {
    const n = axisSuffix(i);
    layout[`xaxis${n}`] = { visible: false, constrain: 'domain' };
    layout[`yaxis${n}`] = { visible: false, autorange: 'reversed', scaleanchor: `x${n}`, constrain: 'domain' };
    (layout.annotations as Record<string, unknown>[]).push(
      subplotTitle(n, t.title, t.flag ? RED : '#222', { x: 0.5, y: 1, xanchor: 'center', size: 11 }),
    );
    let maxAbs = 0;
    if (diverging) for (let p = 0; p < t.pixels.length; p++) maxAbs = Math.max(maxAbs, Math.abs(t.pixels[p]));
    return {
      type: 'heatmap',
      z: toRows(t.pixels),
      xaxis: `x${n}`,
      yaxis: `y${n}`,
      showscale: false,
      ...(diverging
        ? { colorscale: 'RdBu', reversescale: true, zmin: -maxAbs || -1, zmax: maxAbs || 1, zmid: 0 }
        : { colorscale: [[0, '#000000'], [1, '#ffffff']], zmin: 0, zmax: 255 }),
      hovertemplate: `${t.title.replace(/<br>/g, ' ')}<br>row %{y}, column %{x}: %{z}<extra></extra>`,
    };
  });
  return { data, layout };
}

/** Horizontal bars, one per label, the value written at the end of each. */
export function barFigure(
  labels: readonly string[],
  values: readonly number[],
  options: { title?: string; axisTitle?: string; highlight?: number; format?: (v: number) => string } = {},
): Figure {
  if (labels.length !== values.length) throw new RangeError(`barFigure: ${labels.length} labels but ${values.length} values.`);
  const format = options.format ?? ((v: number) => String(v));
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        y: [...labels],
        x: [...values],
        text: values.map(format),
        textposition: 'auto',
        marker: { color: labels.map((_, i) => (i === options.highlight ? RED : BLUE)) },
        hovertemplate: '%{y}: %{text}<extra></extra>',
      },
    ],
    layout: {
      ...(options.title ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: options.axisTitle ?? '' } },
      yaxis: { autorange: 'reversed', automargin: true },
      height: 60 + 26 * labels.length,
      width: 560,
      margin: { l: 10, r: 20, t: options.title ? 40 : 10, b: 40 },
      font: FONT,
    },
  };
}

/** How many pixels have each value 0..255 (counts[v]), on a log scale since black dominates. */
export function pixelHistogramFigure(counts: readonly number[], title = 'How many pixels have each value'): Figure {
  if (counts.length !== 256) throw new RangeError(`pixelHistogramFigure: needs 256 counts (values 0..255), got ${counts.length}.`);
  return {
    data: [
      {
        type: 'bar',
        x: counts.map((_, v) => v),
        y: [...counts],
        marker: { color: counts.map((_, v) => `rgb(${v},${v},${v})`), line: { color: '#888', width: 0.3 } },
        hovertemplate: 'value %{x}: %{y} pixels<extra></extra>',
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: 'pixel value (0 = black, 255 = white)' }, range: [-2, 257] },
      yaxis: { title: { text: 'number of pixels (log scale)' }, type: 'log' },
      bargap: 0,
      height: 340,
      width: 680,
      font: FONT,
    },
  };
}

/** Loss and accuracy, training and validation, one point per epoch; the x axis is fixed to 1..epochs so the chart can grow live. */
export function trainingCurvesFigure(logs: readonly EpochLog[], epochs: number, title = 'Training'): Figure {
  const x = logs.map((l) => l.epoch);
  const line = (name: string, y: number[], color: string, dash: string, axis: 1 | 2): Trace => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y,
    line: { color, dash },
    xaxis: axis === 1 ? 'x' : 'x2',
    yaxis: axis === 1 ? 'y' : 'y2',
    legendgroup: name.split(' ')[0],
    showlegend: axis === 1,
    hovertemplate: `${name}, epoch %{x}: %{y:.4f}<extra></extra>`,
  });
  const range = [0.8, Math.max(epochs, 1) + 0.2];
  const done = logs.length ? `, epoch ${logs[logs.length - 1].epoch}/${epochs}` : ', waiting for the first epoch';
  return {
    data: [
      line('training loss', logs.map((l) => l.loss), BLUE, 'solid', 1),
      line('validation loss', logs.map((l) => l.valLoss), ORANGE, 'solid', 1),
      line('training accuracy', logs.map((l) => l.accuracy), BLUE, 'dot', 2),
      line('validation accuracy', logs.map((l) => l.valAccuracy), ORANGE, 'dot', 2),
    ],
    layout: {
      title: { text: `${title}${done}` },
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: { title: { text: 'epoch' }, range, dtick: 1 },
      xaxis2: { title: { text: 'epoch' }, range, dtick: 1 },
      yaxis: { title: { text: 'loss' }, rangemode: 'tozero' },
      yaxis2: { title: { text: 'accuracy' }, range: [0, 1] },
      legend: { orientation: 'h', y: -0.25 },
      height: 380,
      width: 820,
      font: FONT,
    },
  };
}

/** Validation accuracy per epoch for several runs, one line each. */
export function runsFigure(runs: Record<string, readonly EpochLog[]>, title = 'Validation accuracy, run by run'): Figure {
  const names = Object.keys(runs);
  if (names.length === 0) throw new RangeError('runsFigure: needs at least one run.');
  return {
    data: names.map((name) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: runs[name].map((l) => l.epoch),
      y: runs[name].map((l) => l.valAccuracy),
      hovertemplate: `${name}, epoch %{x}: %{y:.4f}<extra></extra>`,
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: 'epoch' }, dtick: 1 },
      yaxis: { title: { text: 'validation accuracy' } },
      height: 380,
      width: 720,
      font: FONT,
    },
  };
}

/** Rows: true class; columns: predicted class; each cell annotated with its count. */
export function confusionMatrixFigure(matrix: readonly (readonly number[])[], names: readonly string[] = CLASS_NAMES): Figure {
  if (matrix.length !== names.length || matrix.some((row) => row.length !== names.length)) {
    throw new RangeError(`confusionMatrixFigure: needs a ${names.length} x ${names.length} matrix.`);
  }
  // Colour by share of the true class, so mix-ups of 5% and 50% look different whatever the class sizes.
  const shares = matrix.map((row) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((v) => Math.round((v / total) * 1e4) / 1e4);
  });
  return {
    data: [
      {
        type: 'heatmap',
        z: shares,
        x: [...names],
        y: [...names],
        text: matrix.map((row) => row.map(String)),
        texttemplate: '%{text}',
        colorscale: 'Blues',
        reversescale: true, // plotly's Blues runs dark to light; here more = darker
        zmin: 0,
        zmax: 1,
        colorbar: { title: { text: 'share of<br>true class' } },
        hovertemplate: 'true %{y}, predicted %{x}: %{text} (%{z:.1%})<extra></extra>',
      },
    ],
    layout: {
      title: { text: 'Confusion matrix (validation set)' },
      xaxis: { title: { text: 'predicted class' }, side: 'bottom', tickangle: -40 },
      yaxis: { title: { text: 'true class' }, autorange: 'reversed' },
      height: 560,
      width: 700,
      font: FONT,
    },
  };
}

/** For each prediction, its 10 probabilities as bars; its answer red, the true class green if different. */
export function probabilityFigure(predictions: readonly Prediction[], names: readonly string[] = CLASS_NAMES): Figure {
  if (predictions.length === 0) throw new RangeError('probabilityFigure: needs at least one prediction.');
  const layout: Record<string, unknown> = {
    grid: { rows: predictions.length, columns: 1, pattern: 'independent', ygap: 0.45 },
    height: 150 * predictions.length + 40,
    width: 640,
    showlegend: false,
    margin: { t: 40, b: 30 },
    font: FONT,
    annotations: [] as Record<string, unknown>[],
  };
  const data = predictions.map((p, i) => {
    const n = axisSuffix(i);
    layout[`xaxis${n}`] = { tickangle: -30, tickfont: { size: 10 } };
    layout[`yaxis${n}`] = { range: [0, 1], tickformat: '.0%' };
    (layout.annotations as Record<string, unknown>[]).push(
      subplotTitle(n, `#${p.index}: said ${p.predictedName} (${(100 * p.probability).toFixed(1)}%), is ${p.labelName}`, p.correct ? '#222' : RED, {
        x: 0,
        y: 1.05,
        xanchor: 'left',
      }),
    );
    return {
      type: 'bar',
      x: [...names],
      y: p.probabilities,
      xaxis: `x${n}`,
      yaxis: `y${n}`,
      marker: { color: names.map((_, c) => (c === p.predicted ? RED : c === p.label ? '#2ca02c' : BLUE)) },
      hovertemplate: '%{x}: %{y:.1%}<extra></extra>',
    };
  });
  return { data, layout };
}
