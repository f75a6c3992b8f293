import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, table } from '../../src/html-views';

const count = (text: string, needle: string | RegExp) =>
  typeof needle === 'string' ? text.split(needle).length - 1 : (text.match(new RegExp(needle, 'g')) ?? []).length;


test('escapeHtml escapes the five special characters', () => {
  assert.equal(escapeHtml(`<a href="x">T-shirt & 'top'</a>`), '&lt;a href=&quot;x&quot;&gt;T-shirt &amp; &#39;top&#39;&lt;/a&gt;');
  assert.equal(escapeHtml('plain'), 'plain');
  assert.equal(escapeHtml('&amp;'), '&amp;amp;', 'escapes an already escaped text again');
});

test('table writes the header and every cell, escaped', () => {
  const html = table(['name', 'n'], [['<b>', 1], ['c', 22]]);
  assert.equal(count(html, '<th '), 2);
  assert.equal(count(html, '<td '), 4);
  assert.ok(html.includes('&lt;b&gt;') && html.includes('>22</td>'));
});
