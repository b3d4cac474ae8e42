/** A half-open character range [start, end) into the query text. */
export interface Span {
  start: number;
  end: number;
}

export interface Diagnostic {
  message: string;
  span: Span;
  severity: 'error' | 'warning';
  /** how to fix it, in the DSL's own words ("write '1111010200'"), shown after the message */
  hint?: string;
  /** 1-based, filled in by `locate` for display */
  line?: number;
  col?: number;
}

export function diag(message: string, span: Span, severity: Diagnostic['severity'] = 'error', hint?: string): Diagnostic {
  return hint ? { message, span, severity, hint } : { message, span, severity };
}

/** Adds 1-based line/column to each diagnostic for display ('2:15 unknown column ...'), in linear time. */
export function locate(source: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return diagnostics.map((d) => {
    // the last line starting at or before the span: binary search
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= d.span.start) lo = mid;
      else hi = mid - 1;
    }
    return { ...d, line: lo + 1, col: d.span.start - lineStarts[lo]! + 1 };
  });
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.line ?? '?'}:${d.col ?? '?'}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
}
