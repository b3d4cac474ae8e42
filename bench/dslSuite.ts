import { compile } from '../shared/dsl/compile';
import type { Catalog } from '../shared/dsl/catalog';

export interface DslMeasurement {
  lines: number;
  medianMs: number;
  maxMs: number;
}

/** A 50-line pipeline as an analyst builds one up: every kind of step, comments, Korean names. */
export function fiftyLineQuery(): string {
  const lines = [
    '# 신청 목록의 필지 중 대지와 전, 시군구별로',
    'from 신청목록',
    "| where 시도 == '서울특별시' and 본번 >= 100",
    '| parcel_join address=소재지 keep=all',
  ];
  for (let i = 0; lines.length < 44; i++) {
    lines.push(
      `| derive 값${i} = AREA_M2 / 3.3058 + ${i}   # 평수 ${i}`,
      `| where JIMOK in ['대', '전', '답'] and (값${i} between 1 and 100000 or SGG_NM like '%구') and RI_NM is null`,
    );
  }
  lines.push(
    '| within bbox(126.8, 37.4, 127.2, 37.7)',
    "| derive 구분 = concat(SGG_NM, ' ', EMD_NM)",
    '| select PNU, 소재지, JIMOK, 구분, 값0 as 평수, AREA_M2, match_status',
    '| sort 평수 desc, PNU',
    '| take 1000',
    '| map color=JIMOK',
  );
  return lines.join('\n');
}

/** Compile time (lexer → parser → checker → SQL), which the editor pays on every keystroke. */
export function runDslSuite(catalog: Catalog, runs = 200): DslMeasurement {
  const text = fiftyLineQuery();
  const first = compile(text, catalog);
  if (!first.sql) throw new Error(`the bench query does not compile: ${first.diagnostics.map((d) => d.message).join('; ')}`);
  for (let i = 0; i < 50; i++) compile(text, catalog); // warm the JIT as the editor is after a few keystrokes
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    compile(text, catalog);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { lines: text.split('\n').length, medianMs: times[Math.floor(runs / 2)]!, maxMs: times[runs - 1]! };
}
