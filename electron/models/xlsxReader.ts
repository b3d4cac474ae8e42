import type { Readable } from 'node:stream';
import { MODEL_ZIP_LIMITS, ZipArchive, ZipBudget, ZipError, formatBytes, type ZipEntry } from '../zip/zipArchive';
import type { DelimitedTable } from './delimitedText';
import { parseXml, xmlElements, type XmlElement } from './xmlStream';

export class XlsxError extends Error {}

export interface XlsxTable extends Pick<DelimitedTable, 'header' | 'rows'> {
  sheet: string;
  sheets: string[];
}

/**
 * Reads one sheet of an .xlsx workbook as text, streaming the sheet's XML (a million rows never
 * sit in memory as XML or as a DOM). Values are kept as the file stores them: text as text, numbers
 * as Excel wrote their digits, dates (numbers with a date format) as ISO dates. The first non-empty
 * row is the header.
 */
export async function readXlsx(file: string, sheetName?: string): Promise<XlsxTable> {
  const zip = await openZip(file);
  try {
    const entries = new Map(zip.entries.map((e) => [e.name, e]));
    const openEntry = (e: ZipEntry) => zip.read(e);
    const elements = async (name: string) => {
      const e = entries.get(name);
      if (!e) return null;
      // held whole as elements: only the small parts; the sheet and shared strings are streamed
      if (e.size > MAX_TEXT_PART_BYTES)
        throw new XlsxError(
          `the workbook part ${name} is ${formatBytes(e.size)}; more than ${formatBytes(MAX_TEXT_PART_BYTES)} is not a workbook Pilji reads`,
        );
      return xmlElements(await zip.read(e));
    };
    const workbook = await elements('xl/workbook.xml');
    if (workbook === null) throw new XlsxError('not an .xlsx workbook (no xl/workbook.xml)');
    const sheets = workbook.filter((e) => e.name === 'sheet').map((e) => ({ name: e.attributes.name ?? '', rid: e.attributes.id }));
    if (!sheets.length) throw new XlsxError('the workbook has no sheets');
    const sheet = sheetName === undefined ? sheets[0]! : sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new XlsxError(`no sheet '${sheetName}' (the workbook has: ${sheets.map((s) => s.name).join(', ')})`);
    // Excel on the Mac wrote serial days from 1904-01-01; the flag says which count a workbook uses
    const date1904 = workbook.some((e) => e.name === 'workbookPr' && /^(1|true)$/.test(e.attributes.date1904 ?? ''));
    const rels = (await elements('xl/_rels/workbook.xml.rels')) ?? [];
    const rel = rels.find((r) => r.name === 'Relationship' && r.attributes.Id === sheet.rid);
    const target = rel?.attributes.Target;
    const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : null;
    const sheetEntry = sheetPath ? entries.get(sheetPath) : undefined;
    if (!sheetEntry) throw new XlsxError(`sheet '${sheet.name}' has no data part`);
    const sharedPart = entries.get('xl/sharedStrings.xml');
    const shared = await readSharedStrings(sharedPart && (await openEntry(sharedPart)));
    const dates = { styles: dateStyleIndexes((await elements('xl/styles.xml')) ?? []), epochDay: date1904 ? EPOCH_1904 : EPOCH_1900 };
    const rows = await readSheet(await openEntry(sheetEntry), shared, dates);
    const first = rows.findIndex((r) => r.some((v) => v.trim() !== ''));
    if (first < 0) throw new XlsxError(`sheet '${sheet.name}' is empty`);
    const header = rows[first]!.map((h) => h.trim());
    const width = Math.max(header.length, ...rows.slice(first + 1).map((r) => r.length));
    header.forEach((h, i) => {
      if (h === '') header[i] = `column_${i + 1}`;
    });
    for (let i = header.length; i < width; i++) header.push(`column_${i + 1}`);
    const dup = header.find((n, i) => header.indexOf(n) !== i);
    if (dup) throw new XlsxError(`sheet '${sheet.name}': the column '${dup}' appears twice in the header`);
    const body = rows
      .slice(first + 1)
      .filter((r) => r.some((v) => v !== ''))
      .map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
    return { header, rows: body, sheet: sheet.name, sheets: sheets.map((s) => s.name) };
  } finally {
    zip.close();
  }
}

async function readSharedStrings(stream: Readable | undefined): Promise<string[]> {
  if (!stream) return [];
  const out: string[] = [];
  let current: string | null = null;
  let inText = false;
  let skip = 0; // phonetic runs (<rPh>) are not part of the value
  await parseXml(stream, {
    open(tag) {
      if (tag.name === 'si') current = '';
      else if (tag.name === 'rPh') skip++;
      else if (tag.name === 't' && skip === 0) inText = true;
    },
    close(name) {
      if (name === 'si') {
        out.push(current ?? '');
        current = null;
      } else if (name === 'rPh') skip--;
      else if (name === 't') inText = false;
    },
    text(t) {
      if (inText && current !== null) current += t;
    },
  });
  return out;
}

async function readSheet(stream: Readable, shared: string[], dates: DateSystem): Promise<string[][]> {
  const rows: string[][] = [];
  let row: string[] | null = null;
  let col = 0;
  let cell: { type: string; style: number; col: number } | null = null;
  let value = '';
  let inValue = false;
  await parseXml(stream, {
    open(tag) {
      if (tag.name === 'row') {
        const r = Number(tag.attributes.r ?? rows.length + 1);
        while (rows.length < r - 1) rows.push([]);
        row = [];
        col = 0;
      } else if (tag.name === 'c') {
        const ref = tag.attributes.r;
        col = ref ? columnIndex(ref) : col;
        cell = { type: tag.attributes.t ?? 'n', style: Number(tag.attributes.s ?? 0), col };
        value = '';
      } else if (tag.name === 'v' || (tag.name === 't' && cell?.type === 'inlineStr')) inValue = true;
    },
    close(name) {
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'c' && cell && row) {
        row[cell.col] = cellText(cell.type, cell.style, value, shared, dates);
        col = cell.col + 1;
        cell = null;
      } else if (name === 'row' && row) {
        rows.push(Array.from(row, (v) => v ?? ''));
        row = null;
      }
    },
    text(t) {
      if (inValue) value += t;
    },
  });
  return rows;
}

/** Which cell styles show dates, and the serial number of 1970-01-01 in the workbook's date system. */
interface DateSystem {
  styles: Set<number>;
  epochDay: number;
}

/** 1970-01-01 as a serial day: from 1899-12-30 (1900 system, with its phantom 1900-02-29), or from 1904-01-01. */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;

function cellText(type: string, style: number, v: string, shared: string[], dates: DateSystem): string {
  switch (type) {
    case 's':
      return shared[Number(v)] ?? '';
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return ''; // #N/A and other errors carry no value
    case 'n':
      return v !== '' && dates.styles.has(style) ? excelDate(Number(v), dates.epochDay) : v;
    default: // str (formula text), inlineStr, d (ISO date)
      return v;
  }
}

/** Excel's serial day numbers as ISO date/time text. */
function excelDate(serial: number, epochDay: number): string {
  const ms = Math.round((serial - epochDay) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Indexes of cell styles (cellXfs) whose number format shows a date or time. */
function dateStyleIndexes(styles: XmlElement[]): Set<number> {
  const custom = new Map<number, string>();
  for (const e of styles) if (e.name === 'numFmt') custom.set(Number(e.attributes.numFmtId), e.attributes.formatCode ?? '');
  const out = new Set<number>();
  // cell styles are the <xf>s of <cellXfs>; those of <cellStyleXfs> are named styles' bases
  styles
    .filter((e) => e.name === 'xf' && e.parents.at(-1) === 'cellXfs')
    .forEach((e, i) => {
      const id = Number(e.attributes.numFmtId ?? 0);
      const code = custom.get(id);
      // a custom format is a date when it has date/time letters outside quotes and [colour] brackets
      if (BUILTIN_DATE_FORMATS.has(id) || (code !== undefined && /[ymdhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, '')))) out.add(i);
    });
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Workbook, relationships and styles parts are small; a large one is not a spreadsheet's. */
const MAX_TEXT_PART_BYTES = 64 * 1024 * 1024;

async function openZip(file: string): Promise<ZipArchive> {
  try {
    return await ZipArchive.open(file, new ZipBudget(MODEL_ZIP_LIMITS));
  } catch (e) {
    if (e instanceof ZipError && e.code === 'zip_unreadable')
      throw new XlsxError(`not an .xlsx workbook (${e.message.slice(file.length + 2)})`, { cause: e });
    throw e;
  }
}
