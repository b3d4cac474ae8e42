import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, sayIn } from '../../renderer/src/i18n';

const SRC = path.join(import.meta.dirname, '../../renderer/src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );

/** Names that are the same in every language (product and encoding names). */
const SAME_IN_EVERY_LANGUAGE = new Set(['Pilji', 'UTF-8', 'CP949 (EUC-KR)']);

describe('the message catalogue', () => {
  it('words every user-visible text of the renderer: no literal text in JSX, labels or status messages', () => {
    const bypassing: string[] = [];
    for (const file of files(SRC)) {
      const text = readFileSync(file, 'utf8');
      const name = path.relative(SRC, file);
      for (const m of text.matchAll(/<[a-zA-Z][^<>]*>([^<>{}]*[A-Za-z가-힣]{2,}[^<>{}]*)<\//g)) {
        if (!SAME_IN_EVERY_LANGUAGE.has(m[1]!.trim())) bypassing.push(`${name}: >${m[1]}<`);
      }
      for (const m of text.matchAll(/(aria-label|title|placeholder)="([^"]*[A-Za-z가-힣]{2,}[^"]*)"/g)) bypassing.push(`${name}: ${m[0]}`);
      for (const m of text.matchAll(/\blog\(\s*'(info|error)',\s*[`'"]/g)) bypassing.push(`${name}: ${m[0]}`);
      for (const m of text.matchAll(/'aria-label':\s*'/g)) bypassing.push(`${name}: ${m[0]}`);
    }
    expect(bypassing).toEqual([]);
  });

  it('has every key in both languages, and words a message with its parameters in the language asked', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.ko).sort());
    const said = { key: 'resultRows', params: { rows: '1,500', ms: 348 } } as const;
    expect(sayIn('ko', said)).toBe('1,500행 · 348 ms');
    expect(sayIn('en', said)).toBe('1,500 rows · 348 ms');
    expect(sayIn('ko', { key: 'exportEnded', params: { format: 'CSV', phase: 'phase_done' } })).toBe('CSV 내보내기: 완료');
    expect(sayIn('en', 'as the host said it')).toBe('as the host said it');
  });
});
