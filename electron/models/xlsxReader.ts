import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { MODEL_ZIP_LIMITS, ZipArchive, ZipBudget, ZipError, formatBytes, type ZipEntry } from '../zip/zipArchive';
import type { DelimitedTable } from './delimitedText';

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
    const text = async (name: string) => {
      const e = entries.get(name);
      if (!e) return null;
      // read whole (regexes): only the small parts; the sheet and shared strings are streamed
      if (e.size > MAX_TEXT_PART_BYTES) throw new XlsxError(`the workbook part ${name} is ${formatBytes(e.size)}; more than ${formatBytes(MAX_TEXT_PART_BYTES)} is not a workbook Pilji reads`);
      return streamText(await zip.read(e));
    };
    const workbook = await text('xl/workbook.xml');
    if (workbook === null) throw new XlsxError('not an .xlsx workbook (no xl/workbook.xml)');
    const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => ({ name: unescape(attr(m[0], 'name') ?? ''), rid: attr(m[0], 'r:id') ?? attr(m[0], 'id') }));
    if (!sheets.length) throw new XlsxError('the workbook has no sheets');
    const sheet = sheetName === undefined ? sheets[0]! : sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new XlsxError(`no sheet '${sheetName}' (the workbook has: ${sheets.map((s) => s.name).join(', ')})`);
    const rels = (await text('xl/_rels/workbook.xml.rels')) ?? '';
    const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => attr(r, 'Id') === sheet.rid);
    const target = rel && attr(rel, 'Target');
    const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : null;
    const sheetEntry = sheetPath ? entries.get(sheetPath) : undefined;
    if (!sheetEntry) throw new XlsxError(`sheet '${sheet.name}' has no data part`);
    const sharedPart = entries.get('xl/sharedStrings.xml');
    const shared = await readSharedStrings(sharedPart && (await openEntry(sharedPart)));
    const dateStyles = dateStyleIndexes((await text('xl/styles.xml')) ?? '');
    const rows = await readSheet(await openEntry(sheetEntry), shared, dateStyles);
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
    const body = rows.slice(first + 1).filter((r) => r.some((v) => v !== '')).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
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

async function readSheet(stream: Readable, shared: string[], dateStyles: Set<number>): Promise<string[][]> {
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
        row[cell.col] = cellText(cell.type, cell.style, value, shared, dateStyles);
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

function cellText(type: string, style: number, v: string, shared: string[], dateStyles: Set<number>): string {
  switch (type) {
    case 's':
      return shared[Number(v)] ?? '';
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return ''; // #N/A and other errors carry no value
    case 'n':
      return v !== '' && dateStyles.has(style) ? excelDate(Number(v)) : v;
    default: // str (formula text), inlineStr, d (ISO date)
      return v;
  }
}

/** Excel's serial day numbers (1900 system, with its phantom 1900-02-29) as ISO date/time text. */
function excelDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Indexes of cell styles (cellXfs) whose number format shows a date or time. */
function dateStyleIndexes(styles: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) custom.set(Number(attr(m[0], 'numFmtId')), unescape(attr(m[0], 'formatCode') ?? ''));
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const out = new Set<number>();
  [...xfs.matchAll(/<xf\b[^>]*>/g)].forEach((m, i) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
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

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag)?.[1];
}

function unescape(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

interface XmlHandlers {
  open(tag: SaxesTagPlain): void;
  close(name: string): void;
  text(t: string): void;
}

/** Feeds a stream through saxes; element names without their namespace prefix. */
async function parseXml(stream: Readable, h: XmlHandlers): Promise<void> {
  const parser = new SaxesParser();
  const local = (n: string) => n.slice(n.indexOf(':') + 1);
  parser.on('opentag', (t) => h.open({ ...t, name: local(t.name) }));
  parser.on('closetag', (t) => h.close(local(t.name)));
  parser.on('text', h.text);
  parser.on('cdata', h.text);
  const utf8 = new StringDecoder('utf8'); // a chunk may end inside a character
  for await (const chunk of stream) parser.write(utf8.write(chunk as Buffer));
  parser.write(utf8.end());
  parser.close();
}

async function streamText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Workbook, relationships and styles parts are small; a large one is not a spreadsheet's. */
const MAX_TEXT_PART_BYTES = 64 * 1024 * 1024;

async function openZip(file: string): Promise<ZipArchive> {
  try {
    return await ZipArchive.open(file, new ZipBudget(MODEL_ZIP_LIMITS));
  } catch (e) {
    if (e instanceof ZipError && e.code === 'zip_unreadable') throw new XlsxError(`not an .xlsx workbook (${e.message.slice(file.length + 2)})`, { cause: e });
    throw e;
  }
}
