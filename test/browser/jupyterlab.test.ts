/// <reference lib="dom" />
/**
 * The lessons in real JupyterLab, in a real browser (Debian's Chromium, driven by
 * playwright-core). It starts JupyterLab on a free loopback port with a token,
 * runs every lesson through the JupyterLab UI ("Run All"), and checks: no error
 * or stderr output, and every chart drawn by plotly. Then it opens an executed
 * notebook saved by Jupyter's client (so untrusted) and checks its charts still
 * draw, and checks an HTML export draws them too. Screenshots go to
 * build/screenshots/ (git-ignored). Every process it starts is stopped, also on failure.
 *
 * Needs `npm run setup:test` (JupyterLab in .venv/, Chromium at /usr/bin/chromium)
 * and runs after the notebook tests (it opens their executed copies in build/executed/).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { CHARTS } from '../lesson-charts';

const ROOT = path.resolve(__dirname, '..', '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const EXECUTED = path.join(ROOT, 'build', 'executed');
const SHOTS = path.join(ROOT, 'build', 'screenshots');
const RUN_DIR = '.lab-run'; // copies of the lessons, beside notebooks/ so "../lib" resolves
const JUPYTER = path.join(ROOT, '.venv', 'bin', 'jupyter');
const CHROMIUM = '/usr/bin/chromium';


async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
}

/** Runs in the page: the state of the open notebook. */
function notebookState() {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const app = (window as any).jupyterapp;
  const widget = app?.shell?.currentWidget;
  const kernel = widget?.sessionContext?.session?.kernel;
  // Only the open notebook's own cells (other tabs stay in the page, hidden).
  const root: ParentNode = widget?.node ?? document;
  const prompts = Array.from(root.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')).map((p) => p.textContent ?? '');
  return {
    kernel: kernel?.status ?? 'none',
    codeCells: prompts.length,
    /** Code cells that have run (their prompt shows an execution count). */
    ranCells: prompts.filter((p) => /\[\d+\]/.test(p)).length,
    charts: root.querySelectorAll('.jp-Notebook .js-plotly-plot').length,
    drawn: root.querySelectorAll('.jp-Notebook .js-plotly-plot .main-svg').length,
    errors: Array.from(
      root.querySelectorAll('.jp-Notebook [data-mime-type="application/vnd.jupyter.stderr"], .jp-Notebook .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'),
    ).map((e) => (e.textContent ?? '').slice(0, 500)),
  };
}

async function openNotebook(page: Page, base: string, token: string, file: string): Promise<void> {
  // ?reset: a fresh workspace, so earlier lessons' tabs (and kernels) are not restored.
  await page.goto(`${base}/lab/tree/${file}?reset&token=${token}`);
  await waitFor(`${file} to open with a ready kernel`, 120_000, async () => {
    const s = await page.evaluate(notebookState);
    return s.kernel === 'idle';
  });
}

async function screenshotCharts(page: Page, name: string): Promise<void> {
  const stem = name.replace(/\.ipynb$/, '');
  await page.screenshot({ path: path.join(SHOTS, `${stem}.png`) });
  const charts = await page.$$('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .js-plotly-plot');
  for (const [i, chart] of charts.entries()) {
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: path.join(SHOTS, `${stem}-chart-${i + 1}.png`) });
  }
}

describe('the lessons in JupyterLab, in Chromium', () => {
  let lab: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let base = '';
  const token = randomBytes(16).toString('hex');
  const scratch = mkdtempSync(path.join(tmpdir(), 'brain-lab-'));
  const runDir = path.join(ROOT, RUN_DIR);
  let labLog = '';

  before(async () => {
    assert.ok(existsSync(JUPYTER), 'JupyterLab is not installed in .venv/; run `npm run setup:test` first');
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing; run \`npm run setup:test\` (it installs Debian's chromium)`);
    mkdirSync(SHOTS, { recursive: true });
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir);
    for (const name of Object.keys(CHARTS)) copyFileSync(path.join(NOTEBOOKS, name), path.join(runDir, name));
    // JupyterLab 4 only renders cells near the viewport by default; render them all so every chart can be counted.
    const settings = path.join(scratch, 'settings', '@jupyterlab', 'notebook-extension');
    mkdirSync(settings, { recursive: true });
    writeFileSync(path.join(settings, 'tracker.jupyterlab-settings'), JSON.stringify({ windowingMode: 'none' }));
    // No "Jupyter news?" pop-up over the screenshots.
    const apputils = path.join(scratch, 'settings', '@jupyterlab', 'apputils-extension');
    mkdirSync(apputils, { recursive: true });
    writeFileSync(path.join(apputils, 'notification.jupyterlab-settings'), JSON.stringify({ fetchNews: 'false' }));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    lab = spawn(
      JUPYTER,
      [
        'lab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, `--IdentityProvider.token=${token}`,
        `--ServerApp.root_dir=${ROOT}`, '--ContentsManager.allow_hidden=True', '--LabApp.expose_app_in_browser=True',
        `--LabApp.user_settings_dir=${path.join(scratch, 'settings')}`, `--LabApp.workspaces_dir=${path.join(scratch, 'workspaces')}`,
        '--allow-root',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, BRAIN_MODELS_DIR: path.join(scratch, 'models'), JUPYTER_RUNTIME_DIR: path.join(scratch, 'runtime') },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    lab.stdout?.on('data', (d) => (labLog += d));
    lab.stderr?.on('data', (d) => (labLog += d));
    await waitFor('JupyterLab to answer', 60_000, async () => (await fetch(`${base}/api/status?token=${token}`)).ok);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    if (lab?.pid) {
      try {
        process.kill(-lab.pid, 'SIGTERM'); // the whole group: JupyterLab and its kernels
      } catch {
        /* already gone */
      }
    }
    rmSync(runDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const [name, expected] of Object.entries(CHARTS)) {
    test(`${name}: Run All in JupyterLab, no errors, ${expected} charts drawn`, async () => {
      try {
        await openNotebook(page, base, token, `${RUN_DIR}/${name}`);
        // Record every chart title that appears while the lesson runs, to see charts grow live.
        await page.evaluate(() => {
          const seen: string[] = ((window as any).brainSeenTitles = []);
          setInterval(() => {
            for (const t of Array.from(document.querySelectorAll('.jp-Notebook .gtitle'))) {
              if (!seen.includes(t.textContent ?? '')) seen.push(t.textContent ?? '');
            }
          }, 100);
        });
        await page.evaluate(() => (window as any).jupyterapp.commands.execute('notebook:run-all-cells'));
        const state = await waitFor(`${name} to finish running`, 900_000, async () => {
          const s = await page.evaluate(notebookState);
          return s.kernel === 'idle' && s.codeCells > 0 && s.ranCells === s.codeCells && s.drawn >= expected ? s : undefined;
        });
        assert.deepEqual(state.errors, [], `${name} shows error output`);
        assert.equal(state.charts, expected, `${name} charts`);
        if (name === '06-fit.ipynb') {
          const seen = (await page.evaluate(() => (window as any).brainSeenTitles)) as string[];
          const epochs = seen.map((t) => /epoch (\d)\/5/.exec(t)?.[1]).filter(Boolean);
          assert.deepEqual(epochs, ['1', '2', '3', '4', '5'], `the training chart grows live, epoch by epoch (titles seen: ${seen.join(' | ')})`);
        }
        await screenshotCharts(page, name);
        await page.evaluate(() => (window as any).jupyterapp.commands.execute('docmanager:save'));
        await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget.sessionContext.shutdown());
      } catch (err) {
        await page.screenshot({ path: path.join(SHOTS, `${name.replace(/\.ipynb$/, '')}-failed.png`) }).catch(() => undefined);
        throw new Error(`${(err as Error).message}\nJupyterLab log (end):\n${labLog.split('\n').slice(-30).join('\n')}`);
      }
    });
  }

  test('an executed notebook reopened later (untrusted) still draws its charts', async () => {
    const name = '08-beyond-the-article.ipynb';
    const executed = path.join(EXECUTED, name);
    assert.ok(existsSync(executed), `${executed} is missing: the notebook tests make it, run them first`);
    const copy = `reopened-${name}`;
    copyFileSync(executed, path.join(runDir, copy)); // written by Jupyter's client, never signed: untrusted
    await page.goto(`${base}/lab/tree/${RUN_DIR}/${copy}?reset&token=${token}`);
    // Two passes (the notebook test runs each lesson twice), so twice the charts.
    const drawn = await waitFor('the reopened charts to draw', 120_000, async () => {
      const s = await page.evaluate(notebookState);
      return s.drawn >= 2 * CHARTS[name] ? s : undefined;
    });
    assert.equal(drawn.charts, 2 * CHARTS[name]);
    await page.screenshot({ path: path.join(SHOTS, 'reopened-08.png') });
  });

  test('the HTML export of an executed notebook draws its charts', async () => {
    const name = '07-evaluate-and-predict.ipynb';
    const out = path.join(scratch, 'html');
    execFileSync(JUPYTER, ['nbconvert', '--to', 'html', '--log-level=WARN', '--output-dir', out, path.join(EXECUTED, name)], { cwd: ROOT });
    const html = readdirSync(out).find((f) => f.endsWith('.html'));
    assert.ok(html, 'nbconvert wrote an HTML file');
    await page.goto(`file://${path.join(out, html)}`);
    const drawn = await waitFor('the exported charts to draw', 60_000, async () => {
      const n = await page.evaluate(() => document.querySelectorAll('.js-plotly-plot .main-svg').length);
      return n >= 2 * CHARTS[name] ? n : undefined;
    });
    assert.ok(drawn >= 2 * CHARTS[name]);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.js-plotly-plot').length), 2 * CHARTS[name]);
    await page.screenshot({ path: path.join(SHOTS, 'html-export-07.png'), fullPage: true });
  });
});
