import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Figure,
  ImageTile,
  barFigure,
  confusionMatrixFigure,
  imageGridFigure,
  pixelHistogramFigure,
  probabilityFigure,
  runsFigure,
  toRows,
  trainingCurvesFigure,
} from '../../src/charts';
import { CLASS_NAMES } from '../../src/classes';
import type { EpochLog } from '../../src/progress';
import type { Prediction } from '../../src/evaluate';

type Obj = Record<string, any>;
const RED = '#d62728';
const GREEN = '#2ca02c';

const trace = (f: Figure, i: number) => f.data[i] as Obj;
const layout = (f: Figure) => f.layout as Obj;

/** 784 values where pixel (r, c) is `f(r, c)`, built independently of toRows. */
function image(f: (r: number, c: number) => number): number[] {
  const out = new Array<number>(784);
  for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) out[r * 28 + c] = f(r, c);
  return out;
}

function log(epoch: number, epochs = 5): EpochLog {
  // Distinct, recognisable numbers per field and epoch.
  return { epoch, epochs, loss: 1 / epoch, accuracy: 0.5 + epoch / 100, valLoss: 1.1 / epoch, valAccuracy: 0.4 + epoch / 100, seconds: epoch };
}

function assertClose(actual: number[], expected: number[], what = ''): void {
  assert.equal(actual.length, expected.length, `${what} lengths`);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) < 1e-12, `${what}[${i}] = ${actual[i]}, expected ${e}`));
}

const isBlack = (c: unknown) => ['#000', '#000000', 'black', 'rgb(0,0,0)', 'rgb(0, 0, 0)'].includes(String(c).toLowerCase());
const isWhite = (c: unknown) => ['#fff', '#ffffff', 'white', 'rgb(255,255,255)', 'rgb(255, 255, 255)'].includes(String(c).toLowerCase());

// ---------------------------------------------------------------- toRows

test('toRows turns 784 values into 28 rows of 28, row-major', () => {
  const values = Array.from({ length: 784 }, (_, i) => i);
  const rows = toRows(values);
  assert.equal(rows.length, 28);
  for (const row of rows) assert.equal(row.length, 28);
  // (r, c) holds r*28 + c: row 1 starts at 28, column 1 of row 0 is 1 (not 28, as a transpose would give).
  assert.equal(rows[0][0], 0);
  assert.equal(rows[0][1], 1);
  assert.equal(rows[1][0], 28);
  assert.equal(rows[3][5], 89);
  assert.equal(rows[27][27], 783);
  for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) assert.equal(rows[r][c], r * 28 + c);
});

test('toRows works from a Float32Array and other sizes', () => {
  const rows = toRows(new Float32Array([1, 2, 3, 4]), 2);
  assert.deepEqual(rows, [
    [1, 2],
    [3, 4],
  ]);
  assert.ok(Array.isArray(rows[0]), 'plain arrays, not typed arrays');
});

test('toRows rounds to 4 decimals', () => {
  const values = new Array<number>(784).fill(0);
  values[0] = 0.12344; // -> 0.1234
  values[1] = 0.12346; // -> 0.1235
  values[2] = 1 / 3; // -> 0.3333
  values[28] = 2.718281828; // -> 2.7183
  values[29] = -1.23456; // -> -1.2346
  values[783] = 255;
  const rows = toRows(values);
  assert.equal(rows[0][0], 0.1234);
  assert.equal(rows[0][1], 0.1235);
  assert.equal(rows[0][2], 0.3333);
  assert.equal(rows[1][0], 2.7183);
  assert.equal(rows[1][1], -1.2346);
  assert.equal(rows[27][27], 255);
});

test('toRows rejects a wrong number of values', () => {
  assert.throws(() => toRows(new Array(783).fill(0)), RangeError);
  assert.throws(() => toRows(new Array(785).fill(0)), RangeError);
  assert.throws(() => toRows([]), RangeError);
  assert.throws(() => toRows([1, 2, 3], 2), RangeError);
});

// ---------------------------------------------------------------- imageGridFigure

function tiles(n: number, flagged: number[] = []): ImageTile[] {
  // Tile i: pixel (r, c) = i + r + c, so each tile and each position differ.
  return Array.from({ length: n }, (_, i) => ({ pixels: image((r, c) => i + r + c), title: `tile ${i}`, flag: flagged.includes(i) }));
}

test('imageGridFigure: one heatmap per tile, holding its pixels as 28 x 28 rows', () => {
  const fig = imageGridFigure(tiles(7), { columns: 3 });
  assert.equal(fig.data.length, 7);
  for (let i = 0; i < 7; i++) {
    const t = trace(fig, i);
    assert.equal(t.type, 'heatmap');
    const expected = Array.from({ length: 28 }, (_, r) => Array.from({ length: 28 }, (_, c) => i + r + c));
    assert.deepEqual(t.z, expected, `tile ${i}`);
  }
});

test('imageGridFigure: tile 1 uses axes x/y, tile i+1 uses x{i+1}/y{i+1}', () => {
  const fig = imageGridFigure(tiles(7), { columns: 3 });
  assert.equal(trace(fig, 0).xaxis, 'x');
  assert.equal(trace(fig, 0).yaxis, 'y');
  for (let i = 1; i < 7; i++) {
    assert.equal(trace(fig, i).xaxis, `x${i + 1}`);
    assert.equal(trace(fig, i).yaxis, `y${i + 1}`);
  }
  const keys = Object.keys(fig.layout);
  assert.ok(keys.includes('xaxis') && keys.includes('yaxis'));
  for (let k = 2; k <= 7; k++) assert.ok(keys.includes(`xaxis${k}`) && keys.includes(`yaxis${k}`), `axis ${k}`);
  assert.ok(!keys.includes('xaxis1') && !keys.includes('xaxis8') && !keys.includes('yaxis8'));
});

test('imageGridFigure: grid rows and columns (7 tiles in 3 columns -> 3 rows)', () => {
  const grid = layout(imageGridFigure(tiles(7), { columns: 3 })).grid;
  assert.equal(grid.rows, 3);
  assert.equal(grid.columns, 3);
  const grid6 = layout(imageGridFigure(tiles(6), { columns: 3 })).grid;
  assert.equal(grid6.rows, 2);
  assert.equal(grid6.columns, 3);
  const grid1 = layout(imageGridFigure(tiles(4), { columns: 1 })).grid;
  assert.equal(grid1.rows, 4);
  assert.equal(grid1.columns, 1);
});

test('imageGridFigure: columns are capped by the number of tiles', () => {
  const grid = layout(imageGridFigure(tiles(2), { columns: 5 })).grid;
  assert.equal(grid.columns, 2);
  assert.equal(grid.rows, 1);
  const gridDefault = layout(imageGridFigure(tiles(1))).grid;
  assert.equal(gridDefault.columns, 1);
  assert.equal(gridDefault.rows, 1);
});

test('imageGridFigure: every y axis is reversed (row 0 on top) and scale-anchored to its x axis', () => {
  const l = layout(imageGridFigure(tiles(7), { columns: 3 }));
  for (let i = 1; i <= 7; i++) {
    const n = i === 1 ? '' : String(i);
    assert.equal(l[`yaxis${n}`].autorange, 'reversed', `yaxis${n}`);
    assert.equal(l[`yaxis${n}`].scaleanchor, `x${n}`, `yaxis${n}`);
  }
});

test('imageGridFigure: one annotation per tile with its title, red when flagged', () => {
  const fig = imageGridFigure(tiles(5, [1, 3]), { columns: 5 });
  const notes = layout(fig).annotations as Obj[];
  assert.equal(notes.length, 5);
  for (let i = 0; i < 5; i++) {
    assert.equal(notes[i].text, `tile ${i}`);
    // The annotation sits on its own tile's axes.
    const n = i === 0 ? '' : String(i + 1);
    assert.ok(String(notes[i].xref).startsWith(`x${n}`) && String(notes[i].yref).startsWith(`y${n}`), `annotation ${i} refs`);
    if (i === 1 || i === 3) assert.equal(notes[i].font.color, RED, `tile ${i} is flagged`);
    else assert.notEqual(notes[i].font?.color, RED, `tile ${i} is not flagged`);
  }
});

test('imageGridFigure: gray tiles go from black at 0 to white at 255', () => {
  for (const fig of [imageGridFigure(tiles(3)), imageGridFigure(tiles(3), { colors: 'gray' })]) {
    for (let i = 0; i < 3; i++) {
      const t = trace(fig, i);
      assert.equal(t.zmin, 0);
      assert.equal(t.zmax, 255);
      const scale = t.colorscale as [number, string][];
      assert.ok(Array.isArray(scale), 'an explicit colorscale');
      assert.equal(scale[0][0], 0);
      assert.ok(isBlack(scale[0][1]), `starts black, got ${scale[0][1]}`);
      assert.equal(scale[scale.length - 1][0], 1);
      assert.ok(isWhite(scale[scale.length - 1][1]), `ends white, got ${scale[scale.length - 1][1]}`);
    }
  }
});

test('imageGridFigure: diverging tiles are symmetric around 0, each scaled to its own largest |value|', () => {
  const a = new Array<number>(784).fill(0.1);
  a[10] = -0.7;
  a[500] = 0.3;
  const b = new Array<number>(784).fill(-0.5);
  b[783] = 2.5;
  const fig = imageGridFigure(
    [
      { pixels: a, title: 'a' },
      { pixels: b, title: 'b' },
    ],
    { colors: 'diverging' },
  );
  const ta = trace(fig, 0);
  assert.equal(ta.zmin, -0.7);
  assert.equal(ta.zmax, 0.7);
  assert.equal(ta.zmid, 0);
  const tb = trace(fig, 1);
  assert.equal(tb.zmin, -2.5);
  assert.equal(tb.zmax, 2.5);
  assert.equal(tb.zmid, 0);
  // Weights keep their sign in z.
  assert.equal(ta.z[0][10], -0.7);
  assert.equal(tb.z[27][27], 2.5);
  assert.notDeepEqual(ta.colorscale, trace(imageGridFigure(tiles(1)), 0).colorscale, 'not the gray scale');
});

test('imageGridFigure: an all-zero diverging tile still gets a usable (non-empty) range', () => {
  const t = trace(imageGridFigure([{ pixels: new Array(784).fill(0), title: 'zero' }], { colors: 'diverging' }), 0);
  assert.ok(t.zmax > 0 && t.zmin === -t.zmax, `zmin ${t.zmin}, zmax ${t.zmax}`);
});

test('imageGridFigure: the title goes into the layout when given', () => {
  assert.equal(layout(imageGridFigure(tiles(2), { title: 'Some clothes' })).title.text, 'Some clothes');
  assert.equal(layout(imageGridFigure(tiles(2))).title, undefined);
});

test('imageGridFigure: no tiles -> RangeError; a tile of the wrong size -> RangeError', () => {
  assert.throws(() => imageGridFigure([]), RangeError);
  assert.throws(() => imageGridFigure([{ pixels: [1, 2, 3], title: 'short' }]), RangeError);
});

// ---------------------------------------------------------------- barFigure

test('barFigure: one horizontal bar trace, labels on y, values on x, formatted texts', () => {
  const fig = barFigure(['a', 'b', 'c'], [0.5, 0.25, 0.125], { format: (v) => `${(100 * v).toFixed(1)}%`, title: 'Shares' });
  assert.equal(fig.data.length, 1);
  const t = trace(fig, 0);
  assert.equal(t.type, 'bar');
  assert.equal(t.orientation, 'h');
  assert.deepEqual(t.y, ['a', 'b', 'c']);
  assert.deepEqual(t.x, [0.5, 0.25, 0.125]);
  assert.deepEqual(t.text, ['50.0%', '25.0%', '12.5%']);
  assert.equal(layout(fig).title.text, 'Shares');
});

test('barFigure: default format writes the plain number', () => {
  assert.deepEqual(trace(barFigure(['x', 'y'], [3, 0.5]), 0).text, ['3', '0.5']);
});

test('barFigure: the highlighted bar is red, the others are not', () => {
  const colors = trace(barFigure(['a', 'b', 'c', 'd'], [1, 2, 3, 4], { highlight: 2 }), 0).marker.color as string[];
  assert.equal(colors.length, 4);
  assert.equal(colors[2], RED);
  for (const i of [0, 1, 3]) assert.notEqual(colors[i], RED, `bar ${i}`);
  const plain = trace(barFigure(['a', 'b'], [1, 2]), 0).marker.color as string[];
  assert.ok(!plain.includes(RED), 'no highlight, no red');
});

test('barFigure: labels and values of different lengths -> RangeError', () => {
  assert.throws(() => barFigure(['a', 'b'], [1]), RangeError);
  assert.throws(() => barFigure(['a'], [1, 2]), RangeError);
});

// ---------------------------------------------------------------- pixelHistogramFigure

test('pixelHistogramFigure: 256 bars at x = 0..255 with the counts, log y axis', () => {
  const counts = Array.from({ length: 256 }, (_, v) => 3 * v + 1);
  const fig = pixelHistogramFigure(counts, 'Pixels');
  assert.equal(fig.data.length, 1);
  const t = trace(fig, 0);
  assert.equal(t.type, 'bar');
  const xs: number[] = [];
  for (let v = 0; v <= 255; v++) xs.push(v);
  assert.deepEqual(t.x, xs);
  assert.equal(t.y.length, 256);
  assert.equal(t.y[0], 1);
  assert.equal(t.y[255], 766);
  assert.deepEqual(t.y, counts);
  assert.equal(layout(fig).yaxis.type, 'log');
  assert.equal(layout(fig).title.text, 'Pixels');
});

test('pixelHistogramFigure: not 256 counts -> RangeError', () => {
  assert.throws(() => pixelHistogramFigure(new Array(255).fill(1)), RangeError);
  assert.throws(() => pixelHistogramFigure(new Array(257).fill(1)), RangeError);
  assert.throws(() => pixelHistogramFigure([]), RangeError);
});

// ---------------------------------------------------------------- trainingCurvesFigure

test('trainingCurvesFigure: 4 traces, loss on x/y and accuracy on x2/y2, y from the logs', () => {
  const logs = [log(1), log(2)];
  const fig = trainingCurvesFigure(logs, 5);
  assert.equal(fig.data.length, 4);
  const expected = [
    { name: /training loss/, axes: ['x', 'y'], y: [1, 0.5] },
    { name: /validation loss/, axes: ['x', 'y'], y: [1.1, 0.55] },
    { name: /training accuracy/, axes: ['x2', 'y2'], y: [0.51, 0.52] },
    { name: /validation accuracy/, axes: ['x2', 'y2'], y: [0.41, 0.42] },
  ];
  expected.forEach((e, i) => {
    const t = trace(fig, i);
    assert.match(String(t.name), e.name);
    assert.equal(t.xaxis, e.axes[0], `${t.name} xaxis`);
    assert.equal(t.yaxis, e.axes[1], `${t.name} yaxis`);
    assert.deepEqual(t.x, [1, 2], `${t.name} x`);
    assertClose(t.y, e.y, String(t.name));
  });
});

test('trainingCurvesFigure: the x axes are fixed to cover epochs 1..N, whatever the number of logs', () => {
  for (const logs of [[], [log(1)], [log(1), log(2), log(3), log(4), log(5)]]) {
    const l = layout(trainingCurvesFigure(logs, 5));
    for (const axis of [l.xaxis, l.xaxis2]) {
      const [lo, hi] = axis.range as number[];
      assert.ok(lo <= 1 && lo > 0, `range starts at ${lo}`);
      assert.ok(hi >= 5 && hi < 6, `range ends at ${hi}`);
    }
  }
  const [, hi] = layout(trainingCurvesFigure([], 12)).xaxis.range as number[];
  assert.ok(hi >= 12 && hi < 13, `12 epochs: range ends at ${hi}`);
});

test('trainingCurvesFigure: the title says "epoch k/N" after k logs and "waiting" before any', () => {
  const t0 = String(layout(trainingCurvesFigure([], 5, 'My run')).title.text);
  assert.match(t0, /^My run/);
  assert.match(t0, /waiting/);
  const t2 = String(layout(trainingCurvesFigure([log(1), log(2)], 5, 'My run')).title.text);
  assert.match(t2, /epoch 2\/5/);
  assert.doesNotMatch(t2, /waiting/);
  const t5 = String(layout(trainingCurvesFigure([1, 2, 3, 4, 5].map((e) => log(e)), 5)).title.text);
  assert.match(t5, /epoch 5\/5/);
  const empty = trainingCurvesFigure([], 5);
  for (const t of empty.data) assert.deepEqual([(t as Obj).x, (t as Obj).y], [[], []]);
});

test('trainingCurvesFigure: each legend entry appears once per pair (training / validation)', () => {
  const fig = trainingCurvesFigure([log(1)], 3);
  const [trLoss, vaLoss, trAcc, vaAcc] = fig.data as Obj[];
  const shown = (t: Obj) => t.showlegend !== false;
  // Loss and accuracy of the same split share a colour and a legend entry.
  assert.equal(trLoss.legendgroup, trAcc.legendgroup);
  assert.equal(vaLoss.legendgroup, vaAcc.legendgroup);
  assert.notEqual(trLoss.legendgroup, vaLoss.legendgroup);
  assert.equal([trLoss, trAcc].filter(shown).length, 1, 'training: one legend entry');
  assert.equal([vaLoss, vaAcc].filter(shown).length, 1, 'validation: one legend entry');
  assert.deepEqual(trLoss.line.color, trAcc.line.color);
  assert.notDeepEqual(trLoss.line.color, vaLoss.line.color);
});

// ---------------------------------------------------------------- runsFigure

test('runsFigure: one line per run with its name, epochs and validation accuracy', () => {
  const fig = runsFigure({ 'lr 0.1': [log(1), log(2)], 'lr 0.01': [log(1), log(2), log(3)] }, 'Runs');
  assert.equal(fig.data.length, 2);
  const [a, b] = fig.data as Obj[];
  assert.equal(a.name, 'lr 0.1');
  assert.equal(b.name, 'lr 0.01');
  assert.deepEqual(a.x, [1, 2]);
  assert.deepEqual(b.x, [1, 2, 3]);
  assertClose(a.y, [0.41, 0.42]);
  assertClose(b.y, [0.41, 0.42, 0.43]);
  assert.equal(a.type, 'scatter');
  assert.equal(layout(fig).title.text, 'Runs');
});

test('runsFigure: no runs -> RangeError', () => {
  assert.throws(() => runsFigure({}), RangeError);
});

// ---------------------------------------------------------------- confusionMatrixFigure

test('confusionMatrixFigure: z holds each row as shares of its true class, text the counts', () => {
  const names = ['a', 'b', 'c'];
  const matrix = [
    [8, 1, 1],
    [0, 5, 0],
    [2, 3, 5],
  ];
  const fig = confusionMatrixFigure(matrix, names);
  assert.equal(fig.data.length, 1);
  const t = trace(fig, 0);
  assert.equal(t.type, 'heatmap');
  assert.deepEqual(t.z, [
    [0.8, 0.1, 0.1],
    [0, 1, 0],
    [0.2, 0.3, 0.5],
  ]);
  assert.deepEqual(t.text, [
    ['8', '1', '1'],
    ['0', '5', '0'],
    ['2', '3', '5'],
  ]);
  assert.deepEqual(t.x, names);
  assert.deepEqual(t.y, names);
  assert.equal(layout(fig).yaxis.autorange, 'reversed');
});

test('confusionMatrixFigure: 10 x 10 with the class names by default; each row sums to 1', () => {
  // Row r: 91 on the diagonal, 1 elsewhere -> 100 in all; row 9 is all thirds-ish.
  const matrix: number[][] = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => (r === c ? 91 : 1)));
  matrix[9] = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  const t = trace(confusionMatrixFigure(matrix), 0);
  assert.deepEqual(t.x, [...CLASS_NAMES]);
  assert.deepEqual(t.y, [...CLASS_NAMES]);
  assert.equal(t.z[2][2], 0.91);
  assert.equal(t.z[2][0], 0.01);
  assert.equal(t.z[9][0], 0.3333);
  assert.equal(t.z[9][9], 0);
  for (const row of t.z as number[][]) {
    const sum = row.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(sum - 1) < 1e-3, `row sums to ${sum}`);
  }
  assert.equal(t.text[2][2], '91');
});

test('confusionMatrixFigure: a class with no examples gives a row of zeros, not NaN', () => {
  const t = trace(confusionMatrixFigure([[0, 0], [1, 3]], ['a', 'b']), 0);
  assert.deepEqual(t.z, [
    [0, 0],
    [0.25, 0.75],
  ]);
});

test('confusionMatrixFigure: not square or not names x names -> RangeError', () => {
  assert.throws(() => confusionMatrixFigure([[1, 2], [3, 4], [5, 6]], ['a', 'b', 'c']), RangeError);
  assert.throws(() => confusionMatrixFigure([[1, 2, 3], [4, 5, 6]], ['a', 'b', 'c']), RangeError);
  assert.throws(() => confusionMatrixFigure([[1, 2, 3], [4, 5], [6, 7, 8]], ['a', 'b', 'c']), RangeError);
  assert.throws(() => confusionMatrixFigure([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), RangeError, '3 x 3 against 10 class names');
});

// ---------------------------------------------------------------- probabilityFigure

function prediction(index: number, label: number, predicted: number, probability: number): Prediction {
  const rest = (1 - probability) / 9;
  const probabilities = Array.from({ length: 10 }, (_, c) => (c === predicted ? probability : rest));
  return {
    index,
    label,
    labelName: CLASS_NAMES[label],
    predicted,
    predictedName: CLASS_NAMES[predicted],
    probability,
    probabilities,
    correct: label === predicted,
  };
}

test('probabilityFigure: one bar trace per prediction with its 10 probabilities on its own axes', () => {
  const preds = [prediction(12, 2, 2, 0.91), prediction(40, 4, 6, 0.62)];
  const fig = probabilityFigure(preds);
  assert.equal(fig.data.length, 2);
  preds.forEach((p, i) => {
    const t = trace(fig, i);
    assert.equal(t.type, 'bar');
    assert.deepEqual(t.x, [...CLASS_NAMES]);
    assert.deepEqual(t.y, p.probabilities);
    assert.equal(t.xaxis, i === 0 ? 'x' : `x${i + 1}`);
    assert.equal(t.yaxis, i === 0 ? 'y' : `y${i + 1}`);
  });
  assert.equal(layout(fig).grid.rows, 2);
});

test('probabilityFigure: the predicted class is red, the true class green when different', () => {
  const fig = probabilityFigure([prediction(12, 2, 2, 0.91), prediction(40, 4, 6, 0.62)]);
  const right = trace(fig, 0).marker.color as string[];
  assert.equal(right.length, 10);
  assert.equal(right[2], RED);
  assert.ok(!right.includes(GREEN), 'a correct answer has no green bar');
  assert.equal(right.filter((c) => c === RED).length, 1);
  const wrong = trace(fig, 1).marker.color as string[];
  assert.equal(wrong[6], RED, 'the answer');
  assert.equal(wrong[4], GREEN, 'the truth');
  for (let c = 0; c < 10; c++) if (c !== 4 && c !== 6) assert.ok(wrong[c] !== RED && wrong[c] !== GREEN, `class ${c}`);
});

test('probabilityFigure: each annotation says what the brain said and what it is', () => {
  const notes = layout(probabilityFigure([prediction(12, 2, 2, 0.91), prediction(40, 4, 6, 0.62)])).annotations as Obj[];
  assert.equal(notes.length, 2);
  assert.match(notes[0].text, /12/);
  assert.match(notes[0].text, /said Pullover/);
  assert.match(notes[0].text, /is Pullover/);
  assert.match(notes[1].text, /40/);
  assert.match(notes[1].text, /said Shirt/);
  assert.match(notes[1].text, /is Coat/);
  assert.match(notes[1].text, /62(\.0)?%/);
  assert.equal(notes[1].font.color, RED, 'a wrong answer is flagged red');
  assert.notEqual(notes[0].font?.color, RED);
});

test('probabilityFigure: no predictions -> RangeError', () => {
  assert.throws(() => probabilityFigure([]), RangeError);
});

// ---------------------------------------------------------------- plain data

test('every figure is plain data: JSON.stringify then parse gives it back unchanged', () => {
  const figures: [string, Figure][] = [
    ['imageGrid gray', imageGridFigure(tiles(3, [1]), { title: 'T', columns: 2 })],
    ['imageGrid diverging', imageGridFigure(tiles(2), { colors: 'diverging' })],
    ['imageGrid untitled', imageGridFigure(tiles(1))],
    ['bar', barFigure(['a', 'b'], [1, 2], { highlight: 0, title: 'B', axisTitle: 'n' })],
    ['bar untitled', barFigure(['a', 'b'], [1, 2])],
    ['histogram', pixelHistogramFigure(Array.from({ length: 256 }, (_, v) => v))],
    ['curves', trainingCurvesFigure([log(1), log(2)], 5)],
    ['curves empty', trainingCurvesFigure([], 5)],
    ['runs', runsFigure({ a: [log(1)], b: [log(1), log(2)] })],
    ['confusion', confusionMatrixFigure([[1, 0], [0, 0]], ['a', 'b'])],
    ['probabilities', probabilityFigure([prediction(1, 0, 3, 0.5)])],
  ];
  for (const [name, fig] of figures) {
    assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig, name);
  }
});
