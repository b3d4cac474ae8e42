import { COMMANDS, EXPRESSION_WORDS, OPTION_WORDS } from './ast';
import type { Catalog, CatalogColumn } from './catalog';
import { check } from './checker';
import { FUNCTIONS, REGIONS } from './functions';
import { parse } from './parser';
import { PART_ROLES } from '../address/addressMapping';
import { dslIdent } from './dslText';

export interface CompletionOption {
  label: string;
  /** what is inserted; default the label */
  apply?: string;
  type: 'keyword' | 'table' | 'column' | 'function' | 'option';
  detail?: string;
  info?: string;
}

export interface Completions {
  /** where the word being completed starts */
  from: number;
  options: CompletionOption[];
}

const SOURCE_WORDS = ['parcels', 'from', 'sql', 'let'];
const SHAPE_COMMANDS = new Set(['intersects', 'contains', 'spatial_join', 'within']);
const STEP_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  parcel_join: ['address', 'pnu', ...PART_ROLES, 'keep', 'parcels'],
  map: ['color'],
};

/**
 * What may be typed at `offset`: commands after `|`, models after `from`, the options of
 * parcel_join and map, and otherwise the columns that exist at that step (from the same checker
 * that squiggles) with the functions.
 */
export function completionsAt(text: string, offset: number, catalog: Catalog): Completions {
  const before = text.slice(0, offset);
  const word = /[\p{L}\p{N}_]*$/u.exec(before)![0];
  const from = offset - word.length;
  const head = before.slice(0, from).replace(/#[^\n]*/g, '');
  const previous = /(\S+)\s*$/.exec(head)?.[1] ?? '';
  const commandOf = /\|\s*([\p{L}_]+)[^|]*$/u.exec(head)?.[1]?.toLowerCase() ?? '';

  if (head.trim() === '') return { from, options: SOURCE_WORDS.map((label) => ({ label, type: 'keyword', info: COMMANDS[label] })) };
  if (previous === '|') {
    const steps = Object.keys(COMMANDS).filter((c) => !SOURCE_WORDS.includes(c));
    return { from, options: steps.map((label) => ({ label, type: 'keyword', info: COMMANDS[label] })) };
  }
  // join's model: `join <model>`, `join left <model>`, and an appended pipeline's `from <model>`
  if (/^\(?from$/i.test(previous) || (commandOf === 'join' && /^(join|left|inner)$/i.test(previous))) {
    return {
      from,
      options: catalog.tables.map((t) => ({
        label: t.name,
        apply: dslIdent(t.name),
        type: 'table',
        detail: t.kind === 'store' ? '연속지적도' : 'model',
      })),
    };
  }
  // intersects/contains/spatial_join <model>, within <model>: the models that carry shapes
  const shapeModels = SHAPE_COMMANDS.has(previous.toLowerCase())
    ? catalog.tables
        .filter((t) => t.kind === 'model' && t.columns.some((c) => c.type === 'geometry'))
        .map((t): CompletionOption => ({ label: t.name, apply: dslIdent(t.name), type: 'table', detail: 'model' }))
    : [];
  if (shapeModels.length && previous.toLowerCase() !== 'within') return { from, options: shapeModels };
  const columns = columnsAt(text, from, catalog);
  const columnOptions = columns.map((c): CompletionOption => ({ label: c.name, apply: dslIdent(c.name), type: 'column', detail: c.type }));
  const option = OPTION_WORDS[/([\p{L}_]+)=$/u.exec(previous)?.[1] ?? ''];
  if (option && STEP_OPTIONS[commandOf]) {
    return { from, options: option.values.map((label): CompletionOption => ({ label, type: 'keyword', info: option.help })) };
  }
  if (previous.endsWith('=') && STEP_OPTIONS[commandOf]) return { from, options: columnOptions };
  if (STEP_OPTIONS[commandOf]) {
    return {
      from,
      options: [
        ...STEP_OPTIONS[commandOf]!.map((label): CompletionOption => ({
          label,
          apply: `${label}=`,
          type: 'option',
          ...(OPTION_WORDS[label] ? { info: OPTION_WORDS[label].help } : {}),
        })),
        ...columnOptions,
      ],
    };
  }
  const words = Object.entries(EXPRESSION_WORDS).map(([label, info]): CompletionOption => ({ label, type: 'keyword', info }));
  const functions = Object.entries(FUNCTIONS).map(([label, f]): CompletionOption => ({
    label,
    apply: `${label}(`,
    type: 'function',
    info: f.help,
  }));
  const regions =
    commandOf === 'within'
      ? Object.entries(REGIONS).map(([label, r]): CompletionOption => ({ label, apply: `${label}(`, type: 'function', info: r.help }))
      : [];
  return { from, options: [...shapeModels, ...columnOptions, ...regions, ...functions, ...words] };
}

/** Columns entering the step at `offset` (or leaving the last complete step). */
function columnsAt(text: string, offset: number, catalog: Catalog): CatalogColumn[] {
  const { pipeline } = parse(text);
  if (!pipeline) return [];
  const result = check(pipeline, catalog);
  const index = pipeline.steps.findIndex((s) => offset >= s.span.start && offset <= s.span.end);
  return result.columns[index >= 0 ? index : pipeline.steps.length] ?? [];
}
