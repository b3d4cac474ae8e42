import { autocompletion, closeCompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view';
import type { Catalog } from '../../../shared/dsl/catalog';
import { compile } from '../../../shared/dsl/compile';
import { completionsAt, type CompletionOption } from '../../../shared/dsl/completion';
import { hoverHelp } from '../../../shared/dsl/hoverHelp';

/** CodeMirror's icon names for our completion kinds. */
const CM_TYPE: Record<CompletionOption['type'], string> = {
  keyword: 'keyword',
  table: 'class',
  column: 'property',
  function: 'function',
  option: 'property',
};
import { dslLanguage } from './dslLanguage';

export interface EditorHooks {
  getCatalog(): Catalog | null;
  onChange(text: string): void;
  /** Run: the selection if there is one, else the whole text */
  onRun(text: string): void;
  /** the editor's accessible name, in the UI's language */
  label: string;
}

/** The accessible name, changed in place when the language changes (setEditorLabel). */
const editorLabel = new Compartment();

export function setEditorLabel(view: EditorView, label: string): void {
  view.dispatch({ effects: editorLabel.reconfigure(EditorView.contentAttributes.of({ 'aria-label': label })) });
}

/** The DSL editor: highlighting, squiggles from the shared compiler, completion from the catalog, Ctrl/Cmd+Enter. */
export function createDslEditor(parent: HTMLElement, doc: string, hooks: EditorHooks): EditorView {
  const runKey = (view: EditorView) => {
    closeCompletion(view); // the list would cover the result of what was just run
    const sel = view.state.selection.main;
    hooks.onRun(sel.empty ? view.state.doc.toString() : view.state.sliceDoc(sel.from, sel.to));
    return true;
  };
  const lint = linter(
    (view) => {
      const catalog = hooks.getCatalog();
      if (!catalog) return [];
      const text = view.state.doc.toString();
      if (!text.trim()) return [];
      return compile(text, catalog).diagnostics.map((d): CmDiagnostic => ({
        from: Math.min(d.span.start, text.length),
        to: Math.min(Math.max(d.span.end, d.span.start + 1), text.length),
        severity: d.severity,
        message: d.hint ? `${d.message} — ${d.hint}` : d.message,
      }));
    },
    { delay: 250 },
  );
  const complete = (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(/[\p{L}\p{N}_]*/u);
    const catalog = hooks.getCatalog();
    if (!word || !catalog || (word.from === word.to && !ctx.explicit && !/[|=]\s*$/.test(ctx.state.sliceDoc(0, ctx.pos)))) return null;
    const { from, options } = completionsAt(ctx.state.doc.toString(), ctx.pos, catalog);
    return { from, options: options.map((o) => ({ ...o, type: CM_TYPE[o.type] })), validFor: /^[\p{L}\p{N}_]*$/u };
  };
  const hover = hoverTooltip((view, pos) => {
    const h = hoverHelp(view.state.doc.toString(), pos);
    return (
      h && {
        pos: h.from,
        end: h.to,
        create: () => {
          const dom = document.createElement('div');
          dom.className = 'cm-dsl-help';
          dom.textContent = h.help;
          return { dom };
        },
      }
    );
  });
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLine(),
        // a long line wraps: the whole query is seen in the narrow pane, no sideways scrolling
        EditorView.lineWrapping,
        history(),
        dslLanguage,
        syntaxHighlighting(defaultHighlightStyle),
        lint,
        autocompletion({ override: [complete], activateOnTyping: true }),
        hover,
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: runKey }])),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((u) => u.docChanged && hooks.onChange(u.state.doc.toString())),
        editorLabel.of(EditorView.contentAttributes.of({ 'aria-label': hooks.label })),
      ],
    }),
  });
}
