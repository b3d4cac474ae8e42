import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../electron/engine/engine';
import { inferColumnTypes } from '../electron/models/modelTable';
import { literalSql } from '../shared/dsl/sqlgen';
import { tempDir } from './store/synthFixtures';

const root = path.resolve(import.meta.dirname, '..');
const pilji = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PILJI_WORKSPACE: tempDir('model-ws') },
  });

describe('model column types, decided in the engine', async () => {
  const engine = await openEngine({ allowedDirectories: [tempDir('types')] });
  afterAll(() => engine.close());
  it.each([
    [['1', '22', '', '-3'], 'integer'],
    [['1.5', '2', ''], 'number'],
    [['007', '12'], 'string'],
    [['1111010100100120003'], 'string'],
    [['0.25', '10'], 'number'],
    [['', ' '], 'string'],
    [['1e5'], 'string'],
    [['12345678901234.5'], 'number'],
    [['1234567890123456.5'], 'string'],
  ])('%j → %s', async (values, type) => {
    const relation = `(SELECT * FROM (VALUES ${values.map((v) => `(${literalSql(v)})`).join(', ')}) AS t("값"))`;
    expect(await inferColumnTypes(engine, relation, ['값'])).toEqual([type]);
  });
});

describe('pilji query --model', () => {
  it('reads a cp949 CSV as a model with Korean names, keeping codes and leading zeros as written', () => {
    const file = path.join(tempDir('model'), '대장.csv');
    writeFileSync(
      file,
      iconv.encode(
        '관리번호,소재지,면적,PNU\r\n007,서울 종로구 청운동 1,12.5,1111010100100010000\r\n008,서울 종로구 청운동 2,,1111010100100020000\r\n',
        'cp949',
      ),
    );
    const r = pilji(
      'query',
      '--model',
      `대장=${file}`,
      '-e',
      'from 대장 | derive 평 = 면적 / 3.3058 | select 관리번호, PNU, 면적, 평 | sort 관리번호',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split(/\r?\n/)).toEqual([
      '관리번호,PNU,면적,평',
      `007,1111010100100010000,12.5,${12.5 / 3.3058}`,
      '008,1111010100100020000,,',
    ]);
  });

  it('refuses a model named like the store, and a malformed --model', () => {
    const file = path.join(tempDir('model2'), 'x.csv');
    writeFileSync(file, 'a\n1\n');
    expect(pilji('query', '--model', `parcels=${file}`, '-e', 'parcels | take 1').stderr).toMatch(/'parcels' is the cadastral store/);
    const missing = pilji('query', '--model', 'nofile.csv', '-e', 'parcels | take 1');
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringMatching(/--model nofile\.csv: no such file .*nofile\.csv/)]);
  });

  it('names a model given as a file alone as the file is', () => {
    const file = path.join(tempDir('model3'), '주소목록.csv');
    writeFileSync(file, '번호,소재지\n1,서울 종로구 청운동 1\n');
    const r = pilji('query', '--model', file, '-e', 'from 주소목록 | select 번호, 소재지');
    expect([r.stderr, r.stdout.trim().split(/\r?\n/)]).toEqual(['', ['번호,소재지', '1,서울 종로구 청운동 1']]);
  });
});
