/**
 * Small HTML tables for the notebooks (shown with tslab's display.html). Charts
 * are plotly figures: see charts.ts and plotly-display.ts.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A plain table: header row and rows of cells. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const th = header.map((h) => `<th style="padding:2px 8px">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td style="padding:2px 8px;text-align:right">${escapeHtml(String(c))}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="brain-table" style="border-collapse:collapse;font-size:12px"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}
