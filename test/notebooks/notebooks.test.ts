/**
 * Runs every lesson top to bottom through the real tslab kernel with Jupyter's
 * own client (jupyter nbconvert --execute, which uses nbclient), in order, on the
 * full dataset, then checks what each lesson showed.
 *
 * Each lesson runs twice in a row in the same kernel, as a learner pressing
 * "Run All" again would: the test executes a copy whose cells are the lesson's
 * cells twice over (written to .rerun/, beside notebooks/ so "../lib" resolves
 * the same way). The second pass must run without error and, on the same
 * backend, print the same numbers as the first.
 *
 * Needs `npm run setup` first (JupyterLab in .venv/ and the tslab kernel).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CHARTS } from '../lesson-charts';

const ROOT = path.resolve(__dirname, '..', '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const OUT = path.join(ROOT, 'build', 'executed');
const RERUN = path.join(ROOT, '.rerun');
const JUPYTER = path.join(ROOT, '.venv', 'bin', 'jupyter');

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}

const join = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join('') : t ?? '');

/** Executes the lesson's cells twice over in one kernel; returns the two passes' executed cells. */
function executeTwice(name: string, modelsDir: string): [Cell[], Cell[]] {
  const nb = JSON.parse(readFileSync(path.join(NOTEBOOKS, name), 'utf8')) as { cells: (Cell & { id?: string })[] };
  const once = nb.cells.length;
  nb.cells = [...nb.cells, ...nb.cells.map((c) => ({ ...c, id: `${c.id ?? 'cell'}-again` }))];
  const copy = path.join(RERUN, name);
  writeFileSync(copy, JSON.stringify(nb));
  try {
    execFileSync(
      JUPYTER,
      ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=1200', '--log-level=WARN', '--output-dir', OUT, copy],
      { cwd: ROOT, env: { ...process.env, BRAIN_MODELS_DIR: modelsDir }, stdio: ['ignore', 'inherit', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '');
    assert.fail(`${name} failed to run:\n${stderr.split('\n').slice(-40).join('\n')}`);
  }
  const cells = (JSON.parse(readFileSync(path.join(OUT, name), 'utf8')) as { cells: Cell[] }).cells;
  return [cells.slice(0, once), cells.slice(once)];
}

/** What a pass printed, with timings (which differ from run to run) blanked out. */
function numbersOf(cells: Cell[]): string {
  return allText(cells)
    .replace(/\d+(\.\d+)? s\b/g, '_ s')
    .replace(/brain-plot-[0-9a-f]+/g, 'brain-plot-_');
}

/** Everything a lesson printed or displayed, as one string. */
function allText(cells: Cell[]): string {
  return cells
    .flatMap((c) => c.outputs ?? [])
    .map((o) => join(o.text) + Object.values(o.data ?? {}).map(join).join('\n'))
    .join('\n');
}

interface PlotlyFigure {
  data: { type?: string; y?: unknown }[];
  layout: { title?: unknown };
}

/** The plotly charts a pass drew, in order (the JSON form of each chart's bundle). */
function plotlyFigures(cells: Cell[]): PlotlyFigure[] {
  return cells
    .flatMap((c) => c.outputs ?? [])
    .map((o) => o.data?.['application/vnd.plotly.v1+json'] as unknown as PlotlyFigure | undefined)
    .filter((f): f is PlotlyFigure => f !== undefined);
}


function checkNoErrors(name: string, cells: Cell[]): void {
  cells.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) {
      assert.notEqual(o.output_type, 'error', `${name}, cell ${i}: ${o.ename}: ${o.evalue}`);
      assert.ok(!(o.output_type === 'stream' && o.name === 'stderr'), `${name}, cell ${i} wrote to stderr: ${join(o.text)}`);
    }
  });
}

const lessons = readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort();
const specific: Record<string, (text: string, cells: Cell[]) => void> = {
  '02-from-a-line-to-a-layer.ipynb': (text) => {
    assert.match(text, /same winner: true/);
    const acc = Number(/hand-made weights: \d+ of 10000 right = ([\d.]+)%/.exec(text)?.[1]);
    assert.ok(acc > 50 && acc < 90, `hand-made layer accuracy ${acc}% is implausible`);
  },
  '03-the-data.ipynb': (text) => {
    assert.match(text, /train: 60000 images, 60000 labels/);
    assert.match(text, /valid: 10000 images, 10000 labels/);
    assert.match(text, /smallest pixel 0, largest 255/);
  },
  '04-the-architecture.ipynb': (text) => {
    assert.match(text, /Total params: 7,?850\b/);
    assert.match(text, /784 x 10 = 7,840 weights \+ 10 biases = 7,850 parameters/);
  },
  '05-compile.ipynb': (text) => {
    assert.match(text, /sparse, from logits : ([\d.]+, ){2}[\d.]+/);
  },
  '06-fit.ipynb': (text, cells) => {
    const epochs = [...text.matchAll(/Epoch (\d)\/5 .* val_accuracy ([\d.]+)/g)];
    assert.deepEqual(epochs.map((m) => m[1]), ['1', '2', '3', '4', '5'], 'five epoch lines, one per epoch');
    const final = Number(epochs[4][2]);
    assert.ok(final >= 0.75, `validation accuracy after 5 epochs on raw pixels is ${final}, below 0.75`);
    // The live chart is one output, redrawn in place: after training it holds 5 points per curve.
    const [curves] = plotlyFigures(cells);
    for (const trace of curves.data) assert.equal((trace.y as number[]).length, 5);
    assert.equal(Number((curves.data[3].y as number[])[4].toFixed(4)), final, 'the chart shows the printed validation accuracy');
  },
  '07-evaluate-and-predict.ipynb': (text, cells) => {
    assert.match(text, /Predicted 10 images: \d+ right, \d+ wrong\./);
    const answers = plotlyFigures(cells).find((f) => JSON.stringify(f.layout.title).includes('validation photos 0-9'));
    assert.equal(answers?.data.filter((t) => t.type === 'heatmap').length, 10, 'a grid of 10 predicted images');
    assert.match(text, /\d+ mistakes among the first 100 validation photos/);
  },
  '08-beyond-the-article.ipynb': (text) => {
    const m = /raw pixels: ([\d.]+) \| scaled 0\.\.1: ([\d.]+) \| scaled \+ hidden 128: ([\d.]+)/.exec(text);
    assert.ok(m, 'the comparison of the three runs is printed');
    const [raw, scaled, hidden] = m.slice(1).map(Number);
    assert.ok(scaled >= 0.8 && hidden >= 0.8, `scaled runs should reach 0.80: ${scaled}, ${hidden}`);
    assert.ok(Math.max(scaled, hidden) > raw, 'feature engineering beats the raw article brain');
    assert.match(text, /accuracy from the matrix: ([\d.]+) \(evaluate: \1\)/);
  },
};

describe('every lesson runs top to bottom on the tslab kernel', () => {
  let modelsDir = '';
  before(() => {
    assert.ok(existsSync(JUPYTER), 'JupyterLab is not installed in .venv/; run `npm run setup` first');
    mkdirSync(OUT, { recursive: true });
    mkdirSync(RERUN, { recursive: true });
    modelsDir = mkdtempSync(path.join(tmpdir(), 'brain-models-'));
  });
  after(() => {
    rmSync(modelsDir, { recursive: true, force: true });
    rmSync(RERUN, { recursive: true, force: true });
  });

  test('there are 8 lessons, numbered in order', () => {
    assert.deepEqual(lessons.map((l) => l.slice(0, 2)), ['01', '02', '03', '04', '05', '06', '07', '08']);
  });

  for (const name of lessons) {
    test(`${name}, run twice in one kernel`, () => {
      const [first, second] = executeTwice(name, modelsDir);
      checkNoErrors(name, first);
      checkNoErrors(`${name} (second run)`, second);
      assert.equal(plotlyFigures(first).length, CHARTS[name], `${name} draws ${CHARTS[name]} charts`);
      assert.equal(plotlyFigures(second).length, CHARTS[name], `${name} draws ${CHARTS[name]} charts again on the second run, no more`);
      specific[name]?.(allText(first), first);
      specific[name]?.(allText(second), second);
      assert.equal(numbersOf(second), numbersOf(first), 'running the lesson again on the same backend prints the same numbers');
    });
  }
});
