import type { ApiError } from '../../shared/api/contract';
import { diag, locate } from '../../shared/dsl/diagnostics';
import type { Plan } from '../../shared/dsl/plan';
import type { GeneratedSql } from '../../shared/dsl/sqlgen';
import { QueryCancelledError, QueryTimeoutError, type Engine } from '../engine/engine';

/**
 * Where an engine error in a checked query comes from: the first plan node whose output the engine
 * cannot produce. DuckDB names no CTE in its messages (a conversion error says which value, not
 * which step), so the prefixes of the one generated statement are run in order until one fails;
 * this costs time only after a failure. Returns the error with a diagnostic at that node's span,
 * or the error unchanged when no prefix fails (the failure was not in the data, e.g. memory).
 */
export async function locateRuntimeError(
  engine: Engine,
  dsl: string,
  plan: Plan,
  generated: GeneratedSql,
  error: { status: number; error: ApiError },
  signal?: AbortSignal,
): Promise<{ status: number; error: ApiError }> {
  if (error.error.code !== 'engine') return error;
  const spans = [plan.source.span, ...plan.steps.map((s) => s.span)];
  for (let i = 0; i < spans.length; i++) {
    try {
      // hashing the whole row makes the engine compute every column (count(*) alone would skip them)
      await engine.rows(`SELECT max(hash(t)) AS h FROM (${generated.inputOf(i)}) AS t`, signal);
    } catch (e) {
      if (e instanceof QueryCancelledError || e instanceof QueryTimeoutError) return error;
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
      const at = i === 0 ? 'the source' : `step ${i}`;
      return {
        ...error,
        error: {
          ...error.error,
          params: { ...error.error.params, step: i },
          diagnostics: locate(dsl, [diag(`${at} failed in the engine: ${message}`, spans[i]!)]),
        },
      };
    }
  }
  return error;
}
