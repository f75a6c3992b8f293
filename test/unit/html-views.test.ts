import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import type { Prediction } from '../../src/evaluate';
import {
  barChart,
  confusionMatrixTable,
  escapeHtml,
  imageGrid,
  predictionGrid,
  runsTable,
  table,
  weightGrid,
} from '../../src/html-views';
import type { EpochLog } from '../../src/progress';

const count = (text: string, needle: string | RegExp) =>
  typeof needle === 'string' ? text.split(needle).length - 1 : (text.match(new RegExp(needle, 'g')) ?? []).length;

const blank = () => new Uint8Array(784);

test('escapeHtml escapes the five special characters', () => {
  assert.equal(escapeHtml(`<a href="x">T-shirt & 'top'</a>`), '&lt;a href=&quot;x&quot;&gt;T-shirt &amp; &#39;top&#39;&lt;/a&gt;');
  assert.equal(escapeHtml('plain'), 'plain');
  assert.equal(escapeHtml('&amp;'), '&amp;amp;', 'escapes an already escaped text again');
});

test('imageGrid has one <img> and one caption per item, with the grid columns', () => {
  const html = imageGrid([{ pixels: blank(), caption: 'a' }, { pixels: blank(), caption: 'b' }, { pixels: blank(), caption: 'c' }], { columns: 2, size: 56 });
  assert.equal(count(html, '<img '), 3);
  assert.equal(count(html, '<figcaption'), 3);
  assert.match(html, /grid-template-columns:repeat\(2,80px\)/); // size 56 + 24
  assert.equal(count(html, 'width="56" height="56"'), 3);
});

test('imageGrid embeds a PNG of the pixels', () => {
  const pixels = Uint8Array.from({ length: 784 }, (_, i) => i % 256);
  const html = imageGrid([{ pixels, caption: 'x' }]);
  const b64 = /src="data:image\/png;base64,([^"]+)"/.exec(html)![1];
  const png = PNG.sync.read(Buffer.from(b64, 'base64'));
  assert.equal(png.width, 28);
  assert.equal(png.data[300 * 4], 300 % 256);
});

test('imageGrid escapes captions (in the text and the alt attribute) and keeps line breaks', () => {
  const html = imageGrid([{ pixels: blank(), caption: '<script>alert("x")</script>\nline 2' }]);
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>line 2'));
  assert.match(html, /alt="&lt;script&gt;/);
});

test('imageGrid frames flagged items in red and the others not', () => {
  const html = imageGrid([{ pixels: blank(), caption: 'ok' }, { pixels: blank(), caption: 'bad', flag: true }]);
  assert.equal(count(html, '3px solid #d62728'), 1);
  assert.equal(count(html, '3px solid transparent'), 1);
  assert.ok(html.indexOf('transparent') < html.indexOf('#d62728'), 'the red frame is on the second item');
});

test('barChart has one row per label with its formatted value, and escapes labels', () => {
  const html = barChart(['T-shirt/top', 'A & B', 'C'], [0.5, 1, 0.25], { title: 'Probabilities', format: (v) => `${(v * 100).toFixed(0)}%`, highlight: 1 });
  assert.equal(count(html, '<tr>'), 3);
  assert.ok(html.includes('A &amp; B'));
  assert.ok(html.includes('50%') && html.includes('100%') && html.includes('25%'));
  assert.ok(html.includes('Probabilities'));
  // bars scaled to the largest value: 240 px for 1, 120 px for 0.5, 60 px for 0.25
  assert.ok(html.includes('width:240px') && html.includes('width:120px') && html.includes('width:60px'));
  assert.equal(count(html, '#d62728'), 1, 'only the highlighted bar is red');
});

test('barChart refuses different numbers of labels and values', () => {
  assert.throws(() => barChart(['a', 'b'], [1]), RangeError);
});

test('table writes the header and every cell, escaped', () => {
  const html = table(['name', 'n'], [['<b>', 1], ['c', 22]]);
  assert.equal(count(html, '<th '), 2);
  assert.equal(count(html, '<td '), 4);
  assert.ok(html.includes('&lt;b&gt;') && html.includes('>22</td>'));
});

test('confusionMatrixTable shows every count in its own cell with the row/column names', () => {
  const m = [
    [7, 2, 0],
    [1, 9, 0],
    [0, 4, 11],
  ];
  const html = confusionMatrixTable(m, ['Cat', 'Dog', 'A<B']);
  assert.equal(count(html, /<td [^>]*>\d+<\/td>/), 9);
  for (const row of m) for (const n of row) assert.ok(html.includes(`>${n}</td>`), `count ${n}`);
  assert.ok(html.includes('title="Dog called Cat: 1 of 10"'));
  assert.ok(html.includes('title="A&lt;B called Dog: 4 of 15"'));
  assert.equal(count(html, '#c7e9c0'), 3, 'the 3 diagonal cells are green');
  // the largest mix-up (4) gets the strongest red: 0.85
  assert.ok(html.includes('rgba(214,39,40,0.850)'));
});

test('confusionMatrixTable uses the ten class names by default', () => {
  const m = Array.from({ length: 10 }, (_, a) => Array.from({ length: 10 }, (_, p) => (a === p ? 5 : 0)));
  const html = confusionMatrixTable(m);
  assert.ok(html.includes('Ankle boot') && html.includes('T-shirt/top'));
});

function prediction(index: number, label: number, predicted: number, names: [string, string]): Prediction {
  const probabilities = new Array(10).fill(0.05);
  probabilities[predicted] = 0.55;
  return { index, label, labelName: names[0], predicted, predictedName: names[1], probability: 0.55, probabilities, correct: label === predicted };
}

test('predictionGrid captions each guess, marks mistakes WRONG with the truth, and frames them red', () => {
  const preds = [prediction(3, 1, 1, ['Trouser', 'Trouser']), prediction(8, 4, 2, ['Coat', 'Pullover'])];
  const asked: number[] = [];
  const html = predictionGrid(preds, (i) => {
    asked.push(i);
    return blank();
  });
  assert.deepEqual(asked, [3, 8], 'images are looked up by index');
  assert.equal(count(html, '<img '), 2);
  assert.ok(html.includes('#3: Trouser (55.0%)<br>right'));
  assert.ok(html.includes('#8: Pullover (55.0%)<br>WRONG, it is Coat'));
  assert.equal(count(html, 'WRONG'), 2, 'in the caption and its alt text, for the one mistake only');
  assert.equal(count(html, '3px solid #d62728'), 1);
});

test('weightGrid draws ten diverging pictures captioned with the class names', () => {
  const weights = Array.from({ length: 10 }, (_, c) => Float32Array.from({ length: 784 }, (_, p) => (p % 2 ? c : -c)));
  const html = weightGrid(weights);
  assert.equal(count(html, '<img '), 10);
  assert.ok(html.includes('0: T-shirt/top') && html.includes('9: Ankle boot'));
});

const epoch = (e: number, valAccuracy: number): EpochLog => ({ epoch: e, epochs: 3, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy, seconds: 1 });

test('runsTable has an epoch column plus one val_accuracy column per run, blanks for shorter runs', () => {
  const html = runsTable({ raw: [epoch(1, 0.8), epoch(2, 0.81234), epoch(3, 0.82)], scaled: [epoch(1, 0.84)] });
  assert.equal(count(html, '<th '), 3);
  assert.ok(html.includes('>epoch</th>') && html.includes('>raw: val_accuracy</th>') && html.includes('>scaled: val_accuracy</th>'));
  assert.equal(count(html, '<tr>'), 4, 'a header row and 3 epoch rows');
  assert.ok(html.includes('>0.8123</td>'));
  assert.ok(html.includes('>0.8400</td>'));
  assert.equal(count(html, '></td>'), 2, 'scaled has no epochs 2 and 3');
});
