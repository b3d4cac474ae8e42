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

/** Adds 1-based line/column to each diagnostic for display ('2:15 unknown column ...'). */
export function locate(source: string, diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    const before = source.slice(0, d.span.start);
    const line = before.split('\n').length;
    const col = d.span.start - before.lastIndexOf('\n');
    return { ...d, line, col };
  });
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.line ?? '?'}:${d.col ?? '?'}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
}
