import type { BjdTable } from '../../shared/cadastral/bjdCodes';
import { writeWkb } from '../../shared/geo/wkb';
import type { ParcelRecord } from '../../electron/store/schema';
import type { SynthParcel } from './parcelGenerator';

/** A generated parcel as the store writer takes it, named from the code table. */
export function toRecord(table: BjdTable, p: SynthParcel, sourceDate: string): ParcelRecord {
  const names = table.names(p.bjdCode);
  if (!names) throw new Error(`unknown bjdCode ${p.bjdCode}`);
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of p.polygons) {
    const ring = poly[0]!;
    for (let i = 0; i < ring.length; i += 2) {
      x0 = Math.min(x0, ring[i]!); x1 = Math.max(x1, ring[i]!);
      y0 = Math.min(y0, ring[i + 1]!); y1 = Math.max(y1, ring[i + 1]!);
    }
  }
  return {
    pnu: p.pnu,
    bjdCode: p.bjdCode,
    bjdName: table.get(p.bjdCode)!.name,
    ...names,
    san: p.san,
    bonbun: p.bonbun,
    bubun: p.bubun,
    jibun: p.jibun,
    jimok: p.jimok,
    sggOid: null,
    sourceDate,
    areaM2: p.areaM2,
    wkb: writeWkb(p.polygons),
    bbox: [x0, y0, x1, y1],
  };
}
