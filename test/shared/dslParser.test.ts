import { describe, expect, it } from 'vitest';
import { lex } from '../../shared/dsl/lexer';
import { parse } from '../../shared/dsl/parser';

describe('lexer', () => {
  it('reads Korean identifiers, quoted names, strings and comments', () => {
    const { tokens, diagnostics } = lex("from 주소목록 # comment\n| where `지번 주소` == '서울''시' and 본번 >= 1_000");
    expect(diagnostics).toEqual([]);
    expect(tokens.map((t) => `${t.kind}:${t.value}`)).toEqual([
      'ident:from',
      'ident:주소목록',
      'op:|',
      'ident:where',
      'quotedIdent:지번 주소',
      'op:==',
      "string:서울'시",
      'ident:and',
      'ident:본번',
      'op:>=',
      'number:1000',
      'eof:',
    ]);
  });

  it('locates an unterminated string', () => {
    const { diagnostics } = lex("parcels | where JIMOK == '대");
    expect(diagnostics[0]).toMatchObject({ message: expect.stringMatching(/unterminated string/), span: { start: 25 } });
  });
});

describe('parser', () => {
  it('parses the full pipeline of the language reference', () => {
    const { pipeline, diagnostics } = parse(`from 주소목록
| where 시도 == '서울특별시' and 본번 >= 100
| where JIMOK in ['대', '전'] and not (BUBUN between 1 and 5) and JIBUN like '산%' and RI_NM is not null
| derive 평수 = AREA_M2 / 3.3058
| select PNU, 소재지 as 주소, 평수
| sort 평수 desc, PNU
| take 1000 offset 10
| map color=JIMOK`);
    expect(diagnostics).toEqual([]);
    expect(pipeline!.source).toMatchObject({ kind: 'from', name: '주소목록' });
    expect(pipeline!.steps.map((s) => s.kind)).toEqual(['where', 'where', 'derive', 'select', 'sort', 'take', 'map']);
    const take = pipeline!.steps[5]!;
    expect(take).toMatchObject({ kind: 'take', count: 1000, offset: 10 });
  });

  it('accepts = as equality and keywords in any case', () => {
    const { pipeline, diagnostics } = parse("PARCELS | WHERE SGG_NM = '종로구' | TAKE 5");
    expect(diagnostics).toEqual([]);
    expect(pipeline!.steps[0]).toMatchObject({ kind: 'where', expr: { kind: 'binary', op: '==' } });
  });

  it('reports several errors at once and keeps going after each', () => {
    const { diagnostics } = parse('parcels | wher x == 1 | take many | sort');
    expect(diagnostics.map((d) => d.message)).toEqual([
      "unknown command 'wher' — did you mean 'where'?",
      "expected a row count after `take`, found 'many'",
      'expected a value, column or function, found the end of the query',
    ]);
  });

  it('gives spans that point at the offending token', () => {
    const src = 'parcels | take 5 | frobnicate';
    const d = parse(src).diagnostics[0]!;
    expect(src.slice(d.span.start, d.span.end)).toBe('frobnicate');
  });

  it('asks for a source first', () => {
    expect(parse('| take 5').diagnostics[0]!.message).toMatch(/starts with `parcels`/);
    expect(parse('   ').diagnostics[0]!.message).toMatch(/empty query/);
  });
});
