import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBjdTable } from '../../shared/cadastral/bjdCodes';
import { PlaceIndex } from '../../shared/address/placeIndex';
import { loadCodeTableIndex } from '../../electron/store/placeIndexCache';

const SHIPPED = path.resolve(import.meta.dirname, '../../assets/bjd/bjd_codes_2025.tsv');
/** 경기도 부천시 원미구 약대동 under its code of before 2016 → the one in use today */
const OLD_YAKDAE = '4119510500';
const YAKDAE = '4119210500';

describe('the code table index kept between starts', () => {
  it('reads back what a fresh build gives: every code, every place', () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pilji-bjd-'));
    const built = loadCodeTableIndex(SHIPPED, cacheDir);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const restored = loadCodeTableIndex(SHIPPED, cacheDir);
    const fresh = parseBjdTable(readFileSync(SHIPPED, 'utf8'));
    const freshPlaces = new PlaceIndex(fresh);
    const codes = [...fresh.entries()].map((e) => e.code);
    const successors = (t: typeof fresh) => codes.map((c) => t.successorsOf(c));
    expect(successors(restored.table)).toEqual(successors(fresh));
    expect(successors(built.table)).toEqual(successors(fresh));
    expect(codes.filter((c) => !fresh.get(c)!.active && fresh.successorsOf(c).length).length).toBeGreaterThan(4_000);
    const lastNames = [...new Set(codes.map((c) => fresh.names(c)).map((n) => n?.ri ?? n?.emd ?? ''))];
    expect(lastNames.length).toBeGreaterThan(10_000);
    expect(lastNames.map((n) => restored.places.withLastName(n))).toEqual(lastNames.map((n) => freshPlaces.withLastName(n)));
    expect(restored.places.currentCode(OLD_YAKDAE)).toBe(YAKDAE);
  });

  it('is used only for the very bytes it was made from', () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'pilji-bjd-'));
    loadCodeTableIndex(SHIPPED, cacheDir);
    const [name] = readdirSync(cacheDir);
    const snapshotFile = path.join(cacheDir, name!);
    // a snapshot that says something else proves it is what the next start reads
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as { successors: [string, string[]][] };
    snapshot.successors = snapshot.successors.map(([code, s]) => [code, code === OLD_YAKDAE ? [] : s]);
    writeFileSync(snapshotFile, JSON.stringify(snapshot));
    expect(loadCodeTableIndex(SHIPPED, cacheDir).table.successor(OLD_YAKDAE)).toBeNull();

    // the same table with one more line is another table: built again, not read from that snapshot
    const edited = path.join(cacheDir, 'bjd.tsv');
    writeFileSync(edited, readFileSync(SHIPPED, 'utf8').trimEnd() + '\n9999999999\t없는시\t폐지\n');
    expect(loadCodeTableIndex(edited, cacheDir).table.successor(OLD_YAKDAE)).toBe(YAKDAE);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('bjd-successors-'))).toHaveLength(2);

    // an unreadable snapshot is built again
    writeFileSync(snapshotFile, '{"key":');
    expect(loadCodeTableIndex(SHIPPED, cacheDir).table.successor(OLD_YAKDAE)).toBe(YAKDAE);
  });
});
