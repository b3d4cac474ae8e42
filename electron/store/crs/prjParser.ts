import { KOREAN_CRS, type KoreanCrs } from './koreanCrs';

/**
 * Reads an ESRI/OGC WKT1 .prj and finds which Korean CRS it describes by its parameters, not its
 * name (NSDI files name the same CRS many ways, and carry no TOWGS84).
 */
export interface PrjParams {
  projected: boolean;
  semiMajor: number;
  inverseFlattening: number;
  projection: string | null;
  params: Record<string, number>;
  name: string;
}

export function parsePrj(wkt: string): PrjParams {
  const text = wkt.trim();
  if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS)\[/i.test(text)) throw new Error(`not a WKT coordinate system: '${text.slice(0, 60)}'`);
  const spheroid = /SPHEROID\["[^"]*",\s*([\d.eE+-]+),\s*([\d.eE+-]+)/i.exec(text) ?? /ELLIPSOID\["[^"]*",\s*([\d.eE+-]+),\s*([\d.eE+-]+)/i.exec(text);
  if (!spheroid) throw new Error('the .prj has no SPHEROID');
  const params: Record<string, number> = {};
  for (const m of text.matchAll(/PARAMETER\["([^"]+)",\s*([\d.eE+-]+)\]/gi)) params[m[1]!.toLowerCase()] = Number(m[2]);
  return {
    projected: /^PROJ/i.test(text),
    semiMajor: Number(spheroid[1]),
    inverseFlattening: Number(spheroid[2]),
    projection: /PROJECTION\["([^"]+)"/i.exec(text)?.[1] ?? null,
    params,
    name: /^\w+\["([^"]*)"/.exec(text)?.[1] ?? '',
  };
}

const near = (a: number | undefined, b: number, tol: number) => a !== undefined && Math.abs(a - b) <= tol;

function ellipsoidOf(p: PrjParams): KoreanCrs['ellipsoid'] | null {
  if (near(p.semiMajor, 6377397.155, 0.01)) return 'bessel';
  if (near(p.semiMajor, 6378137, 0.01)) return near(p.inverseFlattening, 298.257222101, 1e-6) ? 'GRS80' : 'WGS84';
  return null;
}

/** The Korean CRS a .prj describes, or an error that says what it found. */
export function crsFromPrj(wkt: string): KoreanCrs {
  const p = parsePrj(wkt);
  const ellipsoid = ellipsoidOf(p);
  if (!ellipsoid) throw new Error(`unsupported ellipsoid (semi-major axis ${p.semiMajor}) in .prj '${p.name}'`);
  if (!p.projected) return KOREAN_CRS.find((c) => c.epsg === 4326)!;
  if (!p.projection || !/transverse_mercator/i.test(p.projection)) {
    throw new Error(`unsupported projection '${p.projection}' in .prj '${p.name}' (Korean cadastral CRSs are Transverse Mercator)`);
  }
  const v = p.params;
  const lon0 = v.central_meridian ?? v.longitude_of_center;
  const lat0 = v.latitude_of_origin ?? v.latitude_of_center;
  const k = v.scale_factor ?? 1;
  const match = KOREAN_CRS.find((c) => c.tmerc && (c.ellipsoid === ellipsoid || (c.ellipsoid === 'GRS80' && ellipsoid === 'WGS84'))
    && near(lon0, c.tmerc.lon0, 1e-6) && near(lat0, c.tmerc.lat0, 1e-6) && near(k, c.tmerc.k, 1e-9)
    && near(v.false_easting, c.tmerc.x0, 0.001) && near(v.false_northing, c.tmerc.y0, 0.001));
  if (!match) {
    throw new Error(`no known Korean CRS matches .prj '${p.name}' (${ellipsoid}, central meridian ${lon0}, latitude of origin ${lat0}, `
      + `scale ${k}, false easting ${v.false_easting}, false northing ${v.false_northing})`);
  }
  return match;
}
