import type { Diagnostic } from './diagnostics';
import { formatDiagnostic } from './diagnostics';

/**
 * A diagnostic as a compiler prints it: the message, the source line, a caret under the span and
 * the hint. Hangul and full-width characters take two terminal columns, so the carets are placed
 * by display width, not by character count.
 */
export function formatWithSource(source: string, d: Diagnostic): string {
  const start = Math.min(d.span.start, source.length);
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const newline = source.indexOf('\n', lineStart);
  const lineEnd = newline < 0 ? source.length : newline;
  const line = source.slice(lineStart, lineEnd).replace(/\r$/, '');
  const end = Math.min(Math.max(d.span.end, start + 1), lineStart + line.length + 1);
  const number = String(d.line ?? source.slice(0, lineStart).split('\n').length);
  const gutter = ' '.repeat(number.length);
  // a tab before the span stays a tab, so the carets line up whatever the tab width
  const pad = [...source.slice(lineStart, start)].map((c) => (c === '\t' ? '\t' : ' '.repeat(displayWidth(c)))).join('');
  const carets = '^'.repeat(Math.max(1, displayWidth(source.slice(start, end).replace(/[\r\n]/g, ''))));
  return [
    formatDiagnosticHead(d),
    `${number} | ${line}`,
    `${gutter} | ${pad}${carets}`,
    ...(d.hint ? [`${gutter} = hint: ${d.hint}`] : []),
  ].join('\n');
}

function formatDiagnosticHead(d: Diagnostic): string {
  const head = formatDiagnostic({ ...d, hint: undefined });
  return d.severity === 'warning' ? head.replace(/^(\S+: )/, '$1warning: ') : head;
}

/** Terminal columns: East Asian wide and full-width characters (한글, 漢字, ＡＢＣ) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += WIDE.test(c) ? 2 : 1;
  return width;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
