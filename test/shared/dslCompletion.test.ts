import { describe, expect, it } from 'vitest';
import { completionsAt } from '../../shared/dsl/completion';
import { hoverHelp } from '../../shared/dsl/hoverHelp';
import { catalog } from './dslFixtures';

const labels = (text: string, offset = text.length) => completionsAt(text, offset, catalog).options.map((o) => o.label);

describe('completion', () => {
  it('sources at the start, commands after |, models after from', () => {
    expect(labels('')).toEqual(['parcels', 'from', 'sql', 'let']);
    expect(labels('parcels | ')).toContain('parcel_join');
    expect(labels('parcels | ')).not.toContain('from');
    expect(labels('parcels | ')).not.toContain('let');
    expect(labels('parcels | ')).toEqual(expect.arrayContaining(['join', 'append', 'distinct', 'sample']));
    expect(labels('from 주')).toEqual(['parcels', '주소목록']);
    expect(completionsAt('from 주', 6, catalog).from).toBe(5);
  });

  it("columns of the step the cursor is in: a model's Korean names, then what parcel_join added", () => {
    expect(labels('from 주소목록 | where 시')).toEqual(expect.arrayContaining(['시도', '시군구', '소재지', 'lower']));
    expect(labels('from 주소목록 | where 시')).not.toContain('JIMOK');
    expect(labels('from 주소목록 | parcel_join address=소재지 | where JI')).toEqual(expect.arrayContaining(['JIMOK', 'JIBUN', '소재지']));
    // the middle of a longer query: only what exists there
    const text = 'from 주소목록 | where 본번 > 1 | parcel_join address=소재지';
    expect(labels(text, text.indexOf('본번') + 1)).not.toContain('JIMOK');
  });

  it('parcel_join and map options, then columns after key=', () => {
    expect(labels('from 주소목록 | parcel_join ')).toEqual(expect.arrayContaining(['address', 'pnu', 'sido', 'bonbun', 'keep']));
    expect(labels('from 주소목록 | parcel_join address=')).toEqual(['시도', '시군구', '본번', '소재지']);
    expect(completionsAt('from 주소목록 | parcel_join ', 24, catalog).options.find((o) => o.label === 'address')!.apply).toBe('address=');
    expect(labels('from 주소목록 | parcel_join ')).toContain('parcels');
    // an option that takes a word offers its words, not columns
    expect(labels('from 주소목록 | parcel_join address=소재지 parcels=')).toEqual(['main', 'all']);
    expect(labels('from 주소목록 | parcel_join address=소재지 keep=')).toEqual(['matched', 'all']);
  });

  it('models after join and join left, columns after on; window and cast words and the new functions in expressions', () => {
    expect(labels('parcels | join ')).toEqual(['parcels', '주소목록']);
    expect(labels('parcels | join left 주')).toEqual(['parcels', '주소목록']);
    expect(labels('parcels | append (from ')).toEqual(['parcels', '주소목록']);
    expect(labels('parcels | join 주소목록 on J')).toContain('JIMOK');
    expect(labels('parcels | derive r = ')).toEqual(
      expect.arrayContaining(['row_number', 'rank', 'lag', 'if', 'matches', 'year', 'over', 'cast']),
    );
  });

  it('names that are not plain identifiers are inserted in backticks', () => {
    const odd = { tables: [{ name: '신청 목록', kind: 'model' as const, columns: [{ name: '신청 면적', type: 'number' as const }] }] };
    expect(completionsAt('from ', 5, odd).options[0]!.apply).toBe('`신청 목록`');
    expect(completionsAt('from `신청 목록` | where ', 22, odd).options[0]).toMatchObject({ label: '신청 면적', apply: '`신청 면적`' });
  });
});

describe('hover help', () => {
  it('commands and functions explain themselves; other words do not', () => {
    expect(hoverHelp('parcels | parcel_join address=x', 14)).toMatchObject({
      from: 10,
      to: 21,
      help: expect.stringMatching(/^parcel_join address=<col>/),
    });
    expect(hoverHelp('parcels | derive x = round(AREA_M2)', 23)!.help).toBe('round(x, digits)');
    // parcels= in parcel_join is the option, not the store
    expect(hoverHelp('from t | parcel_join address=x parcels=all', 34)!.help).toMatch(
      /^parcels=main \(default\) \| all — all joins every parcel/,
    );
    expect(hoverHelp('parcels | take 1', 2)!.help).not.toMatch(/^parcels=/);
    expect(hoverHelp('parcels | where JIMOK == 1', 18)).toBeNull();
    expect(hoverHelp('parcels | join 주소목록 on PNU', 12)!.help).toMatch(/^join \[left\] <model> on <column>/);
    expect(hoverHelp('parcels | derive r = rank() over ()', 30)!.help).toMatch(/^f\(\.\.\.\) over \(group columns sort order\)/);
    expect(hoverHelp('parcels | derive r = cast(BONBUN as text)', 23)!.help).toMatch(/^cast\(x as integer/);
  });
});
