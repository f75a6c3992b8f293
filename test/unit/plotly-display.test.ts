import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as vm from 'node:vm';
import type { Figure } from '../../src/charts';
import type { EpochLog } from '../../src/progress';
import {
  DisplayMessage,
  LiveFigure,
  PLOTLY_MIME,
  figureBundle,
  liveTrainingCurves,
  plotlyLibraryHtml,
  showFigure,
  showPlotlyLibrary,
} from '../../src/plotly-display';

type Obj = Record<string, any>;
type Writer = (message: DisplayMessage, update: boolean) => void;

// The same module instance plotly-display.ts reaches with require(): tslab's writer slot.
const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: Writer | null };

interface Call {
  message: DisplayMessage;
  update: boolean;
}

/** Puts a recording writer where the tslab kernel would put its own. */
function fakeKernel(): Call[] {
  const calls: Call[] = [];
  jupyter.lastWriteDisplayData = (message, update) => {
    calls.push({ message, update });
  };
  return calls;
}

afterEach(() => {
  jupyter.lastWriteDisplayData = null;
});

const EVIL = '</script><script>alert(1)</script>';

function figure(title = 'A small chart'): Figure {
  return {
    data: [{ type: 'bar', x: [1, 2, 3], y: [4, 5, 6], text: ['a', 'b', 'c'] }],
    layout: { title: { text: title }, width: 400, height: 300 },
  };
}

const plotly = (call: Call) => call.message.data[PLOTLY_MIME] as Obj;
const count = (text: string, needle: RegExp) => (text.match(new RegExp(needle.source, 'gi')) ?? []).length;

function log(epoch: number): EpochLog {
  return { epoch, epochs: 5, loss: 2 / epoch, accuracy: 0.6 + epoch / 50, valLoss: 2.2 / epoch, valAccuracy: 0.55 + epoch / 50, seconds: 1 };
}

/**
 * Runs the script of an HTML bundle against a fake page, as a browser would
 * after the export, and returns what it passed to Plotly.newPlot.
 */
function runHtml(html: string, id: string): { divId: string; data: unknown; layout: unknown; config: unknown } {
  const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
  assert.equal(scripts.length, 1, 'one script');
  let drawn: { divId: string; data: unknown; layout: unknown; config: unknown } | null = null;
  const div = { id, textContent: '' };
  const sandbox = {
    document: { getElementById: (wanted: string) => (wanted === id ? div : null) },
    window: {
      Plotly: {
        newPlot: (d: { id: string }, data: unknown, layout: unknown, config: unknown) => {
          // Copy out of the sandbox's realm so deepEqual compares values only.
          drawn = JSON.parse(JSON.stringify({ divId: d.id, data, layout, config }));
        },
      },
    },
    setTimeout: () => assert.fail('Plotly was there: no need to wait'),
  };
  vm.runInNewContext(scripts[0], sandbox, { timeout: 2000 });
  assert.ok(drawn, 'Plotly.newPlot was called');
  return drawn;
}

// ---------------------------------------------------------------- figureBundle

test('figureBundle has exactly the plotly JSON, HTML and plain-text forms', () => {
  const fig = figure();
  const bundle = figureBundle(fig, 'plot-1');
  assert.deepEqual(Object.keys(bundle).sort(), ['application/vnd.plotly.v1+json', 'text/html', 'text/plain']);
  assert.equal(PLOTLY_MIME, 'application/vnd.plotly.v1+json');
  const json = bundle['application/vnd.plotly.v1+json'] as Obj;
  assert.deepEqual(json.data, fig.data);
  assert.deepEqual(json.layout, fig.layout);
  assert.equal(typeof json.config, 'object');
  assert.ok(json.config !== null);
  assert.equal(typeof bundle['text/html'], 'string');
  assert.equal(typeof bundle['text/plain'], 'string');
});

test('figureBundle HTML: a div with the id and a script calling Plotly.newPlot on it with the figure', () => {
  const fig = figure();
  const html = figureBundle(fig, 'plot-42')['text/html'] as string;
  assert.match(html, /<div[^>]* id="plot-42"/);
  assert.match(html, /<script[^>]*>/);
  assert.match(html, /Plotly\.newPlot\(/);
  assert.ok(html.trimEnd().endsWith('</script>'));
  const drawn = runHtml(html, 'plot-42');
  assert.equal(drawn.divId, 'plot-42');
  assert.deepEqual(drawn.data, fig.data);
  assert.deepEqual(drawn.layout, fig.layout);
});

test('figureBundle HTML: "</script>" in a title or text cannot end the script early', () => {
  const fig: Figure = {
    data: [{ type: 'bar', x: [1], y: [2], text: [EVIL], name: `<!-- ${EVIL}` }],
    layout: { title: { text: `Title ${EVIL}\u2028line` } },
  };
  const html = figureBundle(fig, 'plot-evil')['text/html'] as string;
  // Only the script's own closing tag, at the very end.
  assert.equal(count(html, /<\/script/), 1, 'a single </script');
  assert.ok(html.trimEnd().toLowerCase().endsWith('</script>'));
  assert.equal(count(html, /<script/), 1, 'no second opening <script');
  // Escaped, not dropped: the script still hands plotly the exact strings.
  const drawn = runHtml(html, 'plot-evil');
  assert.deepEqual(drawn.data, fig.data);
  assert.deepEqual(drawn.layout, fig.layout);
});

test('figureBundle text/plain names the chart by its title', () => {
  const plain = figureBundle(figure('Loss by epoch'), 'p')['text/plain'] as string;
  assert.match(plain, /Loss by epoch/);
  const other = figureBundle(figure('Pixel values'), 'p')['text/plain'] as string;
  assert.match(other, /Pixel values/);
  assert.doesNotMatch(other, /Loss by epoch/);
});

// ---------------------------------------------------------------- showFigure / LiveFigure

test('showFigure sends one new display (update=false, no display_id) holding the bundle', () => {
  const calls = fakeKernel();
  const fig = figure('Shown');
  showFigure(fig);
  assert.equal(calls.length, 1);
  const [{ message, update }] = calls;
  assert.equal(update, false);
  assert.equal(message.transient?.display_id, undefined);
  assert.deepEqual(Object.keys(message.data).sort(), [PLOTLY_MIME, 'text/html', 'text/plain']);
  assert.deepEqual(plotly(calls[0]).data, fig.data);
  assert.deepEqual(plotly(calls[0]).layout, fig.layout);
  assert.match(message.data['text/plain'] as string, /Shown/);
  assert.deepEqual(message.metadata, {});
});

test('showFigure twice: two separate outputs, each with its own div id', () => {
  const calls = fakeKernel();
  showFigure(figure());
  showFigure(figure());
  assert.equal(calls.length, 2);
  const idOf = (c: Call) => /<div[^>]* id="([^"]+)"/.exec(c.message.data['text/html'] as string)?.[1];
  assert.ok(idOf(calls[0]) && idOf(calls[1]));
  assert.notEqual(idOf(calls[0]), idOf(calls[1]));
});

test('LiveFigure.draw: first a new output, then an update of the same display_id', () => {
  const calls = fakeKernel();
  const live = new LiveFigure();
  live.draw(figure('first'));
  live.draw(figure('second'));
  assert.equal(calls.length, 2);
  assert.equal(calls[0].update, false);
  assert.equal(calls[1].update, true);
  const id = calls[0].message.transient.display_id;
  assert.equal(typeof id, 'string');
  assert.ok(id && id.length > 0);
  assert.equal(calls[1].message.transient.display_id, id);
  assert.equal(plotly(calls[0]).layout.title.text, 'first');
  assert.equal(plotly(calls[1]).layout.title.text, 'second');
  live.draw(figure('third'));
  assert.equal(calls[2].update, true);
  assert.equal(calls[2].message.transient.display_id, id);
});

test('two LiveFigures have different display ids', () => {
  const calls = fakeKernel();
  new LiveFigure().draw(figure());
  new LiveFigure().draw(figure());
  assert.equal(calls.length, 2);
  assert.equal(calls[0].update, false);
  assert.equal(calls[1].update, false);
  assert.ok(calls[0].message.transient.display_id);
  assert.notEqual(calls[0].message.transient.display_id, calls[1].message.transient.display_id);
});

/** The figure inside a bundle's HTML form (what JupyterLab draws for in-between updates). */
const htmlFigure = (call: Call) => {
  const m = /var figure = (.*), tries = 0;/.exec(call.message.data['text/html'] as string);
  assert.ok(m, 'the HTML form embeds the figure');
  return JSON.parse(m[1]) as Obj;
};

test('LiveFigure.draw with final: false sends the HTML and text forms only, to the same display', () => {
  const calls = fakeKernel();
  const live = new LiveFigure();
  live.draw(figure('growing'), { final: false });
  live.draw(figure('done'));
  assert.deepEqual(Object.keys(calls[0].message.data).sort(), ['text/html', 'text/plain']);
  assert.equal(htmlFigure(calls[0]).layout.title.text, 'growing');
  assert.deepEqual(Object.keys(calls[1].message.data).sort(), [PLOTLY_MIME, 'text/html', 'text/plain']);
  assert.equal(calls[1].message.transient.display_id, calls[0].message.transient.display_id);
});

test('liveTrainingCurves: an empty chart first, one more point per epoch in the same output, the full bundle at the end', () => {
  const calls = fakeKernel();
  const curves = liveTrainingCurves(3, 'Fit');
  assert.equal(calls.length, 1);
  assert.equal(calls[0].update, false);
  const id = calls[0].message.transient.display_id;
  assert.ok(id);
  assert.equal(calls[0].message.data[PLOTLY_MIME], undefined, 'in-between drawings are HTML only');
  const first = htmlFigure(calls[0]).data as Obj[];
  assert.equal(first.length, 4);
  for (const t of first) assert.equal(t.x.length, 0, 'no points yet');

  curves.onEpochEnd(log(1));
  curves.onEpochEnd(log(2));
  curves.onEpochEnd(log(3));
  assert.equal(calls.length, 4);
  for (let k = 1; k <= 3; k++) {
    assert.equal(calls[k].update, true, `call ${k} updates`);
    assert.equal(calls[k].message.transient.display_id, id);
    const data = htmlFigure(calls[k]).data as Obj[];
    for (const t of data) assert.equal(t.x.length, k, `${t.name}: ${k} point(s) after ${k} epoch(s)`);
  }
  assert.equal(calls[2].message.data[PLOTLY_MIME], undefined, 'epoch 2 of 3 is still in between');
  const last = plotly(calls[3]);
  assert.deepEqual(last.data[0].x, [1, 2, 3]);
  assert.deepEqual(last.data[0].y, [2, 1, 2 / 3], 'training loss 2/1, 2/2, 2/3');
  assert.match(last.layout.title.text, /^Fit.*epoch 3\/3/);
  assert.deepEqual(curves.logs, [log(1), log(2), log(3)]);
});

test('without the tslab kernel, showing a chart throws an Error that says so', () => {
  jupyter.lastWriteDisplayData = null;
  assert.throws(() => showFigure(figure()), (e: unknown) => e instanceof Error && /tslab kernel/.test(e.message));
  assert.throws(() => new LiveFigure().draw(figure()), /tslab kernel/);
  assert.throws(() => showPlotlyLibrary(), /tslab kernel/);
});

// ---------------------------------------------------------------- plotly.js library

test('plotlyLibraryHtml is one script that defines window.Plotly, with no early </script', () => {
  const html = plotlyLibraryHtml();
  assert.ok(html.startsWith('<script'), html.slice(0, 40));
  assert.ok(html.includes('window.Plotly'));
  assert.ok(html.length > 100_000, 'the whole library is inlined');
  const closing = html.toLowerCase().indexOf('</script');
  assert.equal(closing, html.length - '</script>'.length, 'the first </script is the final closing tag');
  assert.ok(html.endsWith('</script>'));
  assert.equal(plotlyLibraryHtml(), html, 'the same text every call');
});

test('showPlotlyLibrary sends the library as text/html + text/plain, as a new output', () => {
  const calls = fakeKernel();
  showPlotlyLibrary();
  assert.equal(calls.length, 1);
  assert.equal(calls[0].update, false);
  assert.deepEqual(Object.keys(calls[0].message.data).sort(), ['text/html', 'text/plain']);
  assert.equal(calls[0].message.data['text/html'], plotlyLibraryHtml());
  assert.equal(typeof calls[0].message.data['text/plain'], 'string');
  assert.equal(calls[0].message.transient?.display_id, undefined);
});
