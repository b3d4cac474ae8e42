import type { Engine } from '../engine/engine';
import type { GeoTable } from './geoSource';
import { writeModelParquet } from './modelTable';

/**
 * Stores the analyst's shapes as a model's Parquet: attributes typed, the shapes as `geometry`
 * with the store's `bbox` covering. An attribute already named geometry or bbox is renamed.
 * Returns the warnings to show: renamed columns, then rows kept without a shape.
 */
export async function storeGeoModel(engine: Engine, geo: GeoTable, file: string, signal?: AbortSignal): Promise<string[]> {
  const renamed: string[] = [];
  const header = geo.header.map((h) => {
    if (!['geometry', 'bbox'].includes(h.toLowerCase())) return h;
    renamed.push(`${h} → ${h}_attr`);
    return `${h}_attr`;
  });
  await writeModelParquet(engine, { header, rows: geo.rows }, file, geo.geometries, signal);
  return [...renamed.map((r) => `column renamed: ${r}`), ...geo.warnings];
}
