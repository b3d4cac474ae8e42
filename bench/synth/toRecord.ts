import type { BjdTable } from '../../shared/cadastral/bjdCodes';
import { emptyBounds, flatBounds, type Bounds } from '../../shared/geo/flatBounds';
import { writeWkb } from '../../shared/geo/wkb';
import type { ParcelRecord } from '../../electron/store/schema';
import type { SynthParcel } from './parcelGenerator';

/** A generated parcel as the store writer takes it, named from the code table. */
export function toRecord(table: BjdTable, p: SynthParcel, sourceDate: string): ParcelRecord {
  const names = table.names(p.bjdCode);
  if (!names) throw new Error(`unknown bjdCode ${p.bjdCode}`);
  const [x0, y0, x1, y1] = p.polygons.reduce<Bounds>((b, poly) => flatBounds(poly[0]!, 0, poly[0]!.length / 2, b), emptyBounds());
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
