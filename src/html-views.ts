/**
 * HTML views for the notebooks: image grids, bars, tables, the confusion
 * matrix. Each function returns an HTML string; a notebook shows it with
 * tslab's display.html(). Plain HTML and inline PNGs, no scripts, so the views
 * survive reopening the notebook and exporting it.
 */
import { CLASS_NAMES, className } from './classes';
import type { Prediction } from './evaluate';
import type { EpochLog } from './progress';
import { divergingPng, grayscalePng, pngDataUri } from './png';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface GridItem {
  /** 784 pixel values (0..255), or weights when `diverging` is set. */
  pixels: ArrayLike<number>;
  caption: string;
  /** Draw a red frame (e.g. a wrong prediction). */
  flag?: boolean;
  /** Colour with blue (negative) / white / red (positive) instead of grayscale. */
  diverging?: boolean;
}

/** Images in a grid with a caption under each, scaled up with crisp pixels. */
export function imageGrid(items: GridItem[], options: { columns?: number; size?: number } = {}): string {
  const columns = options.columns ?? 5;
  const size = options.size ?? 84;
  const cells = items.map((item) => {
    const png = item.diverging ? divergingPng(item.pixels) : grayscalePng(item.pixels);
    const border = item.flag ? '3px solid #d62728' : '3px solid transparent';
    return (
      `<figure style="margin:4px;text-align:center;width:${size + 16}px">` +
      `<img src="${pngDataUri(png)}" width="${size}" height="${size}" style="image-rendering:pixelated;border:${border}" alt="${escapeHtml(item.caption)}">` +
      `<figcaption style="font-size:12px;line-height:1.3">${item.caption.split('\n').map(escapeHtml).join('<br>')}</figcaption>` +
      `</figure>`
    );
  });
  return `<div class="brain-grid" style="display:grid;grid-template-columns:repeat(${columns},${size + 24}px)">${cells.join('')}</div>`;
}

/** Horizontal bars, one per label, with the value written beside each. */
export function barChart(labels: readonly string[], values: readonly number[], options: { title?: string; format?: (v: number) => string; highlight?: number } = {}): string {
  if (labels.length !== values.length) throw new RangeError(`barChart: ${labels.length} labels but ${values.length} values.`);
  const format = options.format ?? ((v: number) => String(v));
  const max = Math.max(...values.map(Math.abs), 1e-12);
  const rows = labels.map((label, i) => {
    const width = Math.round((Math.abs(values[i]) / max) * 240);
    const color = i === options.highlight ? '#d62728' : '#4c78a8';
    return (
      `<tr><td style="text-align:right;padding-right:6px">${escapeHtml(label)}</td>` +
      `<td><div style="background:${color};height:12px;width:${width}px;display:inline-block"></div> ${escapeHtml(format(values[i]))}</td></tr>`
    );
  });
  const title = options.title ? `<caption style="font-weight:bold;text-align:left">${escapeHtml(options.title)}</caption>` : '';
  return `<table class="brain-bars" style="border-collapse:collapse;font-size:12px">${title}${rows.join('')}</table>`;
}

/** A plain table: header row and rows of cells. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const th = header.map((h) => `<th style="padding:2px 8px">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td style="padding:2px 8px;text-align:right">${escapeHtml(String(c))}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="brain-table" style="border-collapse:collapse;font-size:12px"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Each predicted sample with its image, guess, probability and the truth; mistakes framed in red. */
export function predictionGrid(predictions: readonly Prediction[], images: (index: number) => ArrayLike<number>): string {
  return imageGrid(
    predictions.map((p) => ({
      pixels: images(p.index),
      caption: `#${p.index}: ${p.predictedName} (${(p.probability * 100).toFixed(1)}%)\n${p.correct ? 'right' : `WRONG, it is ${p.labelName}`}`,
      flag: !p.correct,
    })),
  );
}

/** Rows = true class, columns = predicted class; darker = more images. The diagonal is what it got right. */
export function confusionMatrixTable(matrix: number[][], names: readonly string[] = CLASS_NAMES): string {
  const max = Math.max(...matrix.flatMap((row, a) => row.filter((_, p) => p !== a)), 1);
  const head = names.map((n) => `<th style="padding:2px 4px;writing-mode:vertical-rl;transform:rotate(180deg)">${escapeHtml(n)}</th>`).join('');
  const body = matrix
    .map((row, a) => {
      const total = row.reduce((x, y) => x + y, 0);
      const cells = row
        .map((count, p) => {
          const share = a === p ? 0 : count / max;
          const bg = a === p ? '#c7e9c0' : `rgba(214,39,40,${(share * 0.85).toFixed(3)})`;
          return `<td title="${escapeHtml(names[a])} called ${escapeHtml(names[p])}: ${count} of ${total}" style="padding:2px 6px;text-align:right;background:${bg}">${count}</td>`;
        })
        .join('');
      return `<tr><th style="text-align:right;padding-right:6px">${escapeHtml(names[a])}</th>${cells}</tr>`;
    })
    .join('');
  return (
    `<table class="brain-confusion" style="border-collapse:collapse;font-size:12px">` +
    `<caption style="text-align:left">rows: true class, columns: predicted class (green: right, red: mix-ups)</caption>` +
    `<thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table>`
  );
}

/** The 10 output neurons' weights as 28 x 28 pictures: red pixels push towards the class, blue away. */
export function weightGrid(weights: readonly ArrayLike<number>[]): string {
  return imageGrid(weights.map((w, c) => ({ pixels: w, caption: `${c}: ${className(c)}`, diverging: true })));
}

/** A table of training runs, epoch by epoch, for comparing them. */
export function runsTable(runs: Record<string, readonly EpochLog[]>): string {
  const names = Object.keys(runs);
  const epochs = Math.max(...names.map((n) => runs[n].length));
  const rows: (string | number)[][] = [];
  for (let e = 0; e < epochs; e++) {
    rows.push([e + 1, ...names.map((n) => (runs[n][e] ? runs[n][e].valAccuracy.toFixed(4) : ''))]);
  }
  return table(['epoch', ...names.map((n) => `${n}: val_accuracy`)], rows);
}
