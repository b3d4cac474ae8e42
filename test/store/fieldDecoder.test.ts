import { TextDecoder } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FieldDecoder } from '../../electron/store/shapefile/fieldDecoder';

const cp949 = (hex: string) => Buffer.from(hex, 'hex');
// '종로구 청운동 산12-3 대' in cp949 (Python's codec), then the same text again
const SAMPLE = 'c1beb7ceb1b820c3bbbfeeb5bf20bbea31322d3320b4eb';

describe('FieldDecoder', () => {
  it('decodes cp949 text as the fatal TextDecoder does, the second time from its pair cache', () => {
    const d = new FieldDecoder('euc-kr');
    const bytes = cp949(SAMPLE + '2c' + SAMPLE);
    const whole = new TextDecoder('euc-kr', { fatal: true }).decode(bytes);
    expect(d.decode(bytes, 0, bytes.length)).toBe(whole);
    expect(d.decode(bytes, 0, bytes.length)).toBe('종로구 청운동 산12-3 대,종로구 청운동 산12-3 대');
    expect(d.decode(bytes, 16, 21)).toBe('12-3 '); // an ASCII slice
    expect(() => d.decode(bytes, 15, 21)).toThrow(TypeError); // starts on a trail byte
  });

  it('throws on a pair invalid in cp949 and on a lone lead byte, as the fatal decoder does', () => {
    const d = new FieldDecoder('euc-kr');
    for (const hex of ['31ffff', '3132b4', 'b441']) {
      const bytes = cp949(hex);
      expect(() => d.decode(bytes, 0, bytes.length), hex).toThrow(TypeError);
    }
    const ok = cp949('b4eb');
    expect(d.decode(ok, 0, 2)).toBe('대'); // the failures left nothing behind in the cache
  });

  it('decodes UTF-8 fatally', () => {
    const d = new FieldDecoder('utf-8');
    const bytes = Buffer.from('산12임 abc', 'utf8');
    expect(d.decode(bytes, 0, bytes.length)).toBe('산12임 abc');
    expect(() => d.decode(cp949(SAMPLE), 0, 4)).toThrow(TypeError);
  });
});
