import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view';
import { COMMANDS } from '../../../shared/dsl/ast';
import type { Catalog } from '../../../shared/dsl/catalog';
import { compile } from '../../../shared/dsl/compile';
import { FUNCTIONS } from '../../../shared/dsl/functions';
import { dslLanguage } from './dslLanguage';

export interface EditorHooks {
  getCatalog(): Catalog | null;
  onChange(text: string): void;
  /** Run: the selection if there is one, else the whole text */
  onRun(text: string): void;
}

/** The DSL editor: highlighting, squiggles from the shared compiler, completion from the catalog, Ctrl/Cmd+Enter. */
export function createDslEditor(parent: HTMLElement, doc: string, hooks: EditorHooks): EditorView {
  const runKey = (view: EditorView) => {
    const sel = view.state.selection.main;
    hooks.onRun(sel.empty ? view.state.doc.toString() : view.state.sliceDoc(sel.from, sel.to));
    return true;
  };
  const lint = linter((view) => {
    const catalog = hooks.getCatalog();
    if (!catalog) return [];
    const text = view.state.doc.toString();
    if (!text.trim()) return [];
    return compile(text, catalog).diagnostics.map((d): CmDiagnostic => ({
      from: Math.min(d.span.start, text.length),
      to: Math.min(Math.max(d.span.end, d.span.start + 1), text.length),
      severity: d.severity,
      message: d.message,
    }));
  }, { delay: 250 });
  const complete = (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(/[\p{L}\p{N}_]*/u);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    const catalog = hooks.getCatalog();
    const columns = new Set(catalog?.tables.flatMap((t) => t.columns.map((c) => c.name)) ?? []);
    return {
      from: word.from,
      options: [
        ...Object.entries(COMMANDS).map(([label, info]) => ({ label, type: 'keyword', info })),
        ...(catalog?.tables ?? []).map((t) => ({ label: t.name, type: 'class', detail: t.kind })),
        ...[...columns].map((label) => ({ label, type: 'property' })),
        ...Object.entries(FUNCTIONS).map(([label, f]) => ({ label, type: 'function', info: f.help, apply: `${label}(` })),
      ],
    };
  };
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLine(),
        history(),
        dslLanguage,
        syntaxHighlighting(defaultHighlightStyle),
        lint,
        autocompletion({ override: [complete] }),
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: runKey }])),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((u) => u.docChanged && hooks.onChange(u.state.doc.toString())),
        EditorView.contentAttributes.of({ 'aria-label': 'DSL editor' }),
      ],
    }),
  });
}
