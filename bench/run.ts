/**
 * `npm run bench`: the article's training side by side, in one run, each trainer
 * in its own process, one after another: every tfjs backend available here
 * (tensorflow native, wasm, cpu) and Keras in Python (TensorFlow in .venv/), on
 * the same files, preprocessing (pixels scaled to 0..1 unless --raw) and
 * hyperparameters (batch 32, Adam defaults, 5 epochs, shuffled). Also times
 * loading the data and running every lesson top to bottom.
 *
 *   npm run bench                  full run (about 10 minutes on 2 cores)
 *   npm run bench -- --quick       smoke run: 1 epoch on 3,000 images, no lessons
 *   options: --repeats N (default 2; a third run is added when two differ by >10%),
 *            --raw, --no-notebooks, --no-keras
 * Prints a table and writes bench/results/<date>.json and bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadFashionMnist } from '../src/data';
import { imagesToFloat32 } from '../src/preprocess';

const ROOT = path.resolve(__dirname, '..');
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const JUPYTER = path.join(ROOT, '.venv', 'bin', 'jupyter');

export interface TrainerResult {
  trainer: string;
  skipped?: string;
  backend?: string;
  backendLoadSeconds?: number;
  epochSeconds?: number[];
  fitSeconds?: number;
  valAccuracy?: number;
  valLoss?: number;
  peakRssMB?: number;
  /** fit seconds of every repeat; fitSeconds is their median. */
  runs?: number[];
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs one trainer process; parses the JSON line it prints. */
function runTrainer(command: string, args: string[]): TrainerResult {
  const out = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } });
  const line = (out.stdout ?? '').trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) {
    return { trainer: `${path.basename(command)} ${args.join(' ')}`, skipped: `it failed (exit ${out.status}): ${(out.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  }
  return JSON.parse(line) as TrainerResult;
}

/** Repeats a trainer; keeps the run with the median fit time, and every run's time. */
function repeat(times: number, once: () => TrainerResult): TrainerResult {
  const results: TrainerResult[] = [];
  for (let i = 0; i < times; i++) {
    const r = once();
    if (r.skipped) return r;
    results.push(r);
    process.stderr.write(`  ${r.trainer}: fit ${r.fitSeconds!.toFixed(1)} s, val_accuracy ${r.valAccuracy!.toFixed(4)}\n`);
  }
  const fits = results.map((r) => r.fitSeconds!);
  if (results.length === 2 && Math.abs(fits[0] - fits[1]) / Math.min(...fits) > 0.1) {
    process.stderr.write('  the two runs differ by more than 10%: a third run\n');
    const r = once();
    if (!r.skipped) results.push(r);
  }
  const all = results.map((r) => r.fitSeconds!);
  const mid = median(all);
  const chosen = results.reduce((a, b) => (Math.abs(b.fitSeconds! - mid) < Math.abs(a.fitSeconds! - mid) ? b : a));
  return { ...chosen, fitSeconds: mid, runs: all };
}

/** Median of 3: gunzip + parse + checksum check of all four files, then every pixel to float32 in 0..1. */
async function timeDataLoad(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const data = await loadFashionMnist();
    for (const split of [data.train, data.valid]) imagesToFloat32(split, { scale: true }); // as toTensors does
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

function timeNotebooks(): { seconds: number; lessons: Record<string, number> } | { skipped: string } {
  if (!existsSync(JUPYTER)) return { skipped: 'JupyterLab is not installed; run npm run setup' };
  const lessons: Record<string, number> = {};
  const out = path.join(ROOT, 'build', 'bench-notebooks');
  const start = performance.now();
  for (const name of readdirSync(path.join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort()) {
    const t0 = performance.now();
    const r = spawnSync(JUPYTER, ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=1200', '--log-level=ERROR', '--output-dir', out, path.join('notebooks', name)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, BRAIN_MODELS_DIR: path.join(out, 'models') },
    });
    if (r.status !== 0) return { skipped: `${name} failed: ${(r.stderr ?? '').trim().split('\n').slice(-2).join(' | ')}` };
    lessons[name] = (performance.now() - t0) / 1000;
  }
  return { seconds: (performance.now() - start) / 1000, lessons };
}

/** A full run installs the pinned TensorFlow into .venv/ the first time (a quick run never does). */
function ensureKeras(): void {
  if (spawnSync(PYTHON, ['-c', 'import tensorflow'], { env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } }).status === 0) return;
  process.stderr.write('  installing TensorFlow into .venv/ for the Keras trainer (bench/requirements-keras.txt, once; about 270 MB)\n');
  const r = spawnSync(PYTHON, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '-r', path.join(__dirname, 'requirements-keras.txt')], { stdio: 'inherit' });
  if (r.status !== 0) process.stderr.write('  could not install TensorFlow: the Keras row will say so\n');
}

function fmt(v: number | undefined, digits = 1): string {
  return v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      repeats: { type: 'string' },
      raw: { type: 'boolean', default: false },
      'no-notebooks': { type: 'boolean', default: false },
      'no-keras': { type: 'boolean', default: false },
    },
  });
  const quick = values.quick!;
  const epochs = quick ? 1 : 5;
  const train = quick ? 3000 : 60000;
  const valid = quick ? 1000 : 10000;
  const repeats = Number(values.repeats ?? (quick ? 1 : 2));
  const common = ['--epochs', String(epochs), '--train', String(train), '--valid', String(valid), ...(values.raw ? ['--raw'] : [])];
  const data = await loadFashionMnist();

  process.stderr.write(`Benchmark: ${epochs} epoch(s), ${train} training and ${valid} validation images, batch 32, ${values.raw ? 'raw' : 'scaled'} pixels, ${repeats} repeat(s)\n`);
  const dataLoadSeconds = await timeDataLoad();
  process.stderr.write(`  data load (gunzip + parse + float32, all 70,000 images): ${dataLoadSeconds.toFixed(3)} s\n`);

  const trainers: TrainerResult[] = [];
  for (const backend of ['tensorflow', 'wasm', 'cpu']) {
    trainers.push(repeat(repeats, () => runTrainer(process.execPath, ['--import', 'tsx', path.join(__dirname, 'train-tfjs.ts'), '--backend', backend, ...common])));
  }
  let keras: TrainerResult;
  if (values['no-keras']) keras = { trainer: 'keras', skipped: '--no-keras' };
  else if (!existsSync(PYTHON)) keras = { trainer: 'keras', skipped: 'no .venv/; run npm run setup' };
  else {
    if (!quick) ensureKeras();
    keras = repeat(repeats, () => runTrainer(PYTHON, [path.join(__dirname, 'train_keras.py'), '--data', data.source.dir, ...common]));
  }
  trainers.push(keras);

  const notebooks = quick || values['no-notebooks'] ? { skipped: quick ? '--quick' : '--no-notebooks' } : timeNotebooks();

  const kerasFit = keras.skipped ? undefined : keras.fitSeconds;
  const rows = trainers.map((t) => ({
    ...t,
    secondsPerEpoch: t.epochSeconds ? median(t.epochSeconds) : undefined,
    ratioToKeras: kerasFit && t.fitSeconds ? t.fitSeconds / kerasFit : undefined,
  }));

  console.log(`\n${'trainer'.padEnd(16)} ${'s/epoch'.padStart(8)} ${'fit s'.padStart(7)} ${'x Keras'.padStart(8)} ${'val acc'.padStart(8)} ${'val loss'.padStart(9)} ${'peak RSS MB'.padStart(12)}  runs (fit s)`);
  for (const r of rows) {
    if (r.skipped) {
      console.log(`${r.trainer.padEnd(16)} skipped: ${r.skipped}`);
      continue;
    }
    console.log(
      `${r.trainer.padEnd(16)} ${fmt(r.secondsPerEpoch, 2).padStart(8)} ${fmt(r.fitSeconds).padStart(7)} ${fmt(r.ratioToKeras, 2).padStart(8)} ${fmt(r.valAccuracy, 4).padStart(8)} ${fmt(r.valLoss, 4).padStart(9)} ${fmt(r.peakRssMB, 0).padStart(12)}  ${(r.runs ?? []).map((s) => s.toFixed(1)).join(', ')}`,
    );
  }
  console.log(`\ndata load, all 70,000 images (gunzip + parse + float32): ${dataLoadSeconds.toFixed(3)} s`);
  if ('seconds' in notebooks) console.log(`every lesson top to bottom (jupyter nbconvert --execute, one after another): ${notebooks.seconds.toFixed(0)} s`);
  else console.log(`lessons: skipped (${notebooks.skipped})`);

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings: { quick, epochs, train, valid, batchSize: 32, scaled: !values.raw, repeats },
    dataLoadSeconds,
    trainers: rows,
    notebooks,
  };
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 2));
  renameSync(`${file}.tmp`, file);
  writeFileSync(path.join(dir, quick ? 'latest-quick.json' : 'latest.json'), JSON.stringify(result, null, 2));
  console.log(`\nwritten: ${path.relative(ROOT, file)}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
