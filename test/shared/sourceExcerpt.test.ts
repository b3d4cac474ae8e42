import { describe, expect, it } from 'vitest';
import { compile } from '../../shared/dsl/compile';
import { displayWidth, formatWithSource } from '../../shared/dsl/sourceExcerpt';
import { storeCatalog } from './dslFixtures';

const report = (src: string) =>
  compile(src, storeCatalog)
    .diagnostics.map((d) => formatWithSource(src, d))
    .join('\n');

describe('errors printed like a compiler', () => {
  it('the line, a caret under the span, the message and the hint', () => {
    expect(report("parcels\n| where PNU == 1111010200100190001 and JIMOK == '대'")).toBe(
      [
        '2:16: PNU is text',
        "2 | | where PNU == 1111010200100190001 and JIMOK == '대'",
        '  |                ^^^^^^^^^^^^^^^^^^^',
        "  = hint: write '1111010200100190001'",
      ].join('\n'),
    );
  });

  it('Hangul takes two columns, so the carets stay under the name', () => {
    expect(report('from 주소목록 | where 시군구명 == 1')).toBe(
      [
        "1:19: unknown column '시군구명' — did you mean '시군구'?",
        '1 | from 주소목록 | where 시군구명 == 1',
        '  |                       ^^^^^^^^',
      ].join('\n'),
    );
    expect(displayWidth('가a１')).toBe(5);
  });

  it('a tab before the span stays a tab; an error at the end points past the last character', () => {
    expect(report('parcels\n|\twhere nope')).toContain('2 | |\twhere nope\n  |  \t      ^^^^');
    expect(report('parcels | sort').split('\n').slice(1)).toEqual(['1 | parcels | sort', '  |               ^']);
  });

  it('warnings say so', () => {
    const withPnu = {
      tables: [...storeCatalog.tables, { name: '필지', kind: 'model' as const, columns: [{ name: 'pnu', type: 'string' as const }] }],
    };
    const src = 'from 필지 | parcel_join pnu=pnu';
    expect(compile(src, withPnu).diagnostics.map((d) => formatWithSource(src, d))[0]).toMatch(
      /^1:11: warning: the input already has columns/,
    );
  });
});
