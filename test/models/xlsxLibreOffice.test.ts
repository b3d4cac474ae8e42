import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../electron/models/xlsxReader';

/** Workbooks LibreOffice Calc wrote (test/fixtures/xlsx/make.sh says how), one re-quoted by hand. */
const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures/xlsx', name);

const SHEET = '신청 "2024" 목록';
const EXPECTED = {
  sheet: SHEET,
  sheets: [SHEET],
  header: ['소재지', '신청일', '접수', '면적'],
  rows: [
    ['서울 종로구 청운동 12-3', '2024-06-30', '2024-07-01 13:45:00', '12.5'],
    [`'따옴표' & "겹따옴표"`, '1999-12-31', '', '0.25'],
  ],
};

describe('reading .xlsx written by LibreOffice', () => {
  it('dates of the 1900 date system', async () => {
    expect(await readXlsx(fixture('libreoffice-1900.xlsx'))).toEqual(EXPECTED);
  });

  it('dates of the 1904 date system (date1904="true"): the same days, though the serial numbers differ by 1,462', async () => {
    expect(await readXlsx(fixture('libreoffice-1904.xlsx'))).toEqual(EXPECTED);
  });

  it('attributes in single quotes, entities decoded, the sheet chosen by a name holding double quotes', async () => {
    expect(await readXlsx(fixture('single-quoted-1904.xlsx'), SHEET)).toEqual(EXPECTED);
  });
});
