import path from 'node:path';
import ExcelJS from 'exceljs';
import { tempDir } from '../store/synthFixtures';

/** A workbook as analysts get them, written by ExcelJS (an independent writer). */
export async function workbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('안내').addRow(['이 파일은 신청 목록입니다']);
  const ws = wb.addWorksheet('신청 목록');
  ws.addRow([]); // an empty first row: the header is the first non-empty one
  ws.addRow(['관리번호', '소재지', '면적', '신청일', 'PNU', '메모', '확인', '합계']);
  ws.addRow([
    '007',
    '서울 종로구 청운동 12-3',
    12.5,
    new Date(Date.UTC(2024, 5, 30)),
    '1111010100100120003',
    { richText: [{ text: '굵게 ' }, { text: '보통' }] },
    true,
    { formula: 'C3*2', result: 25 },
  ]);
  ws.addRow([
    '008',
    '서울특별시 중구 무교동 9-12',
    0.1 + 0.2,
    null,
    '1114010100100090012',
    null,
    false,
    { formula: 'C4*2', result: 0.6000000000000001 },
  ]);
  ws.getCell('D3').numFmt = 'yyyy-mm-dd';
  ws.getCell('I4').value = '넘친 칸';
  const file = path.join(tempDir('xlsx'), '신청.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}
