// Minifies plotly.js (from the plotly.js-dist package) into lib/plotly.min.js: the copy
// that lessons put into each notebook once, so charts also draw in HTML exports.
// 9.7 MB unminified, about 4.8 MB minified. Run by `npm run build`.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const source = fs.readFileSync(require.resolve('plotly.js-dist/plotly.js'), 'utf8');
const version = /plotly\.js v([\d.]+)/.exec(source)?.[1] ?? 'unknown';
const { code } = esbuild.transformSync(source, { minify: true, legalComments: 'none' });
const out = path.join(__dirname, '..', 'lib', 'plotly.min.js');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(`${out}.tmp`, `/* plotly.js v${version} (MIT), minified */\n${code}`);
fs.renameSync(`${out}.tmp`, out);
