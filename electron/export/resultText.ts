import { RecordBatchReader } from 'apache-arrow';
import { QUERY_META } from '../../shared/api/contract';
import { csvHeader, csvRows } from './csv';
import { GeoJsonWriter } from './geojson';

export interface CsvOptions {
  /** a UTF-8 BOM first, so Excel reads the file as UTF-8 */
  bom?: boolean;
  /** columns left out */
  skip?: ReadonlySet<string>;
  /** rows written so far, after each batch */
  onRows?: (rows: number) => void;
}

/** A query's Arrow stream rewritten batch by batch as GeoJSON (in the EPSG code `crs`) or CSV text: nothing whole in memory. */
export async function* resultText(
  body: ReadableStream<Uint8Array>,
  format: 'geojson' | 'csv',
  csv: CsvOptions = {},
  crs = 4326,
): AsyncGenerator<string> {
  const reader = await RecordBatchReader.from(body);
  const skip = csv.skip ?? new Set<string>();
  let geo: GeoJsonWriter | null = null;
  let first = true;
  let rows = 0;
  for await (const batch of reader) {
    csv.onRows?.((rows += batch.numRows));
    if (format === 'csv') {
      if (first) yield (csv.bom ? '\uFEFF' : '') + csvHeader(batch.schema.fields.filter((f) => !skip.has(f.name)).map((f) => f.name));
      yield csvRows(batch, skip);
    } else {
      if (!geo) {
        geo = new GeoJsonWriter(batch.schema.metadata.get(QUERY_META.geometryColumn) || null, crs);
        yield geo.header();
      }
      yield geo.features(batch);
    }
    first = false;
  }
  if (format === 'geojson') {
    geo ??= new GeoJsonWriter(null, crs);
    if (first) yield geo.header();
    yield geo.footer();
  }
}
