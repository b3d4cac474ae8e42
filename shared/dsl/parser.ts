import type { Pipeline } from './ast';
import { diag, type Diagnostic, type Span } from './diagnostics';
import { lex } from './lexer';
import { PipelineParser } from './pipelineParser';

export interface ParseResult {
  pipeline: Pipeline | null;
  diagnostics: Diagnostic[];
}

/**
 * The query's tree (pipelineParser.ts reads it), or null with the reasons; a tree deeper than
 * later stages may walk is refused here, at its deepest node.
 */
export function parse(source: string): ParseResult {
  const { tokens, diagnostics } = lex(source);
  const p = new PipelineParser(tokens, diagnostics);
  const pipeline = p.pipeline();
  const deep = pipeline && deepestNode(pipeline);
  if (deep) {
    diagnostics.push(
      diag(
        `the expression is nested more than ${MAX_TREE_DEPTH} levels deep: split it into steps, or use \`in [...]\` for a long list of alternatives`,
        deep.span,
      ),
    );
    return { pipeline: null, diagnostics };
  }
  return { pipeline, diagnostics };
}

/**
 * How deep a tree later stages may walk by recursion: long chains (`a + b + c …`, `x or y or z …`)
 * are parsed by loops yet still make deep trees.
 */
const MAX_TREE_DEPTH = 500;

/** The first node deeper than MAX_TREE_DEPTH, found without recursion; null when none is. */
function deepestNode(root: object): { span: Span } | null {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    const isNode = 'kind' in value && 'span' in value;
    if (isNode && depth > MAX_TREE_DEPTH) return value as { span: Span };
    for (const child of Object.values(value)) if (child && typeof child === 'object') stack.push([child, isNode ? depth + 1 : depth]);
  }
  return null;
}
