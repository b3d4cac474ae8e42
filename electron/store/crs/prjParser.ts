import { KOREAN_CRS, type KoreanCrs } from './koreanCrs';

/**
 * Reads a .prj — ESRI/OGC WKT1 (`PROJCS`, `GEOGCS`: what GDAL and ArcGIS write beside a shapefile)
 * or WKT2 (`PROJCRS`, `GEOGCRS`: newer QGIS, `gdalsrsinfo -o wkt2`) — and finds which Korean CRS
 * it describes by its parameters, not its name (NSDI files name the same CRS many ways, and carry
 * no TOWGS84). Whatever it cannot place exactly is refused, naming what it found.
 *
 * Axis order: a shapefile stores x = easting/longitude, y = northing/latitude whatever the WKT2
 * AXIS order says (EPSG's is northing first), so axes are not read.
 */
interface PrjParams {
  projected: boolean;
  semiMajor: number;
  inverseFlattening: number;
  datum: string;
  projection: string | null;
  /** by WKT1 name (`central_meridian`, …); WKT2's EPSG names are mapped to them */
  params: Record<string, number>;
  /** every unit's factor to metres or radians */
  units: number[];
  primeMeridian: number;
  name: string;
}

/** WKT2 (EPSG) parameter names → the WKT1 names the matcher uses. */
const WKT2_PARAMETERS: Record<string, string> = {
  latitude_of_natural_origin: 'latitude_of_origin',
  longitude_of_natural_origin: 'central_meridian',
  scale_factor_at_natural_origin: 'scale_factor',
};

const NUMBER = '([-+]?[\\d.]+(?:[eE][-+]?\\d+)?)';

function parsePrj(wkt: string): PrjParams {
  const text = wkt.trim();
  const kind = /^(\w+)\[/.exec(text)?.[1]?.toUpperCase();
  if (!kind) throw new Error(`not a WKT coordinate system: '${text.slice(0, 60)}'`);
  if (!['PROJCS', 'GEOGCS', 'PROJCRS', 'GEOGCRS', 'GEODCRS'].includes(kind)) {
    throw new Error(`unsupported coordinate system kind ${kind}[…] in the .prj (Pilji reads PROJCS/GEOGCS and WKT2 PROJCRS/GEOGCRS)`);
  }
  const spheroid = new RegExp(`(?:SPHEROID|ELLIPSOID)\\["[^"]*",\\s*${NUMBER},\\s*${NUMBER}`, 'i').exec(text);
  if (!spheroid) throw new Error('the .prj has no SPHEROID (ellipsoid)');
  const params: Record<string, number> = {};
  // WKT1: PARAMETER["name",value]; WKT2: PARAMETER["Name",value,UNIT[…],ID[…]]
  for (const m of text.matchAll(new RegExp(`PARAMETER\\["([^"]+)",\\s*${NUMBER}`, 'gi'))) {
    const name = m[1]!.toLowerCase().replace(/\s+/g, '_');
    params[WKT2_PARAMETERS[name] ?? name] = Number(m[2]);
  }
  return {
    projected: /^PROJ/i.test(text),
    semiMajor: Number(spheroid[1]),
    inverseFlattening: Number(spheroid[2]),
    datum: /DATUM\["([^"]*)"/i.exec(text)?.[1] ?? '',
    projection: /(?:PROJECTION|METHOD)\["([^"]+)"/i.exec(text)?.[1] ?? null,
    params,
    units: [...text.matchAll(new RegExp(`(?:^|[^A-Z])(?:UNIT|LENGTHUNIT|ANGLEUNIT)\\["[^"]*",\\s*${NUMBER}`, 'gi'))].map((m) =>
      Number(m[1]),
    ),
    primeMeridian: Number(new RegExp(`PRIMEM\\["[^"]*",\\s*${NUMBER}`, 'i').exec(text)?.[1] ?? 0),
    name: /^\w+\["([^"]*)"/.exec(text)?.[1] ?? '',
  };
}

const near = (a: number | undefined, b: number, tol: number) => a !== undefined && Math.abs(a - b) <= tol;

function ellipsoidOf(p: PrjParams): KoreanCrs['ellipsoid'] | null {
  if (near(p.semiMajor, 6377397.155, 0.01)) return 'bessel';
  if (near(p.semiMajor, 6378137, 0.01)) return near(p.inverseFlattening, 298.257222101, 1e-6) ? 'GRS80' : 'WGS84';
  return null;
}

const DEGREE = Math.PI / 180;

/** The Korean CRS a .prj describes, or an error that says what it found. */
export function crsFromPrj(wkt: string): KoreanCrs {
  const p = parsePrj(wkt);
  const ellipsoid = ellipsoidOf(p);
  if (!ellipsoid) throw new Error(`unsupported ellipsoid (semi-major axis ${p.semiMajor}) in .prj '${p.name}'`);
  if (p.primeMeridian !== 0)
    throw new Error(`unsupported prime meridian ${p.primeMeridian} in .prj '${p.name}' (Korean CRSs use Greenwich)`);
  // degrees (angles) and metres (lengths, scale) only: a foot or a grad would place parcels wrongly
  const odd = p.units.find((u) => !near(u, DEGREE, 1e-12) && u !== 1);
  if (odd !== undefined) throw new Error(`unsupported unit (factor ${odd}) in .prj '${p.name}' (Pilji reads degrees and metres)`);
  if (!p.projected) return geographic(p, ellipsoid);
  if (!p.projection || !/transverse[_ ]mercator/i.test(p.projection)) {
    throw new Error(
      `unsupported projection '${p.projection ?? 'none named'}' in .prj '${p.name}' (Korean cadastral CRSs are Transverse Mercator)`,
    );
  }
  const v = p.params;
  const lon0 = v.central_meridian ?? v.longitude_of_center;
  const lat0 = v.latitude_of_origin ?? v.latitude_of_center;
  const k = v.scale_factor ?? 1;
  const match = KOREAN_CRS.find(
    (c) =>
      c.tmerc &&
      (c.ellipsoid === ellipsoid || (c.ellipsoid === 'GRS80' && ellipsoid === 'WGS84')) &&
      near(lon0, c.tmerc.lon0, 1e-6) &&
      near(lat0, c.tmerc.lat0, 1e-6) &&
      near(k, c.tmerc.k, 1e-9) &&
      near(v.false_easting, c.tmerc.x0, 0.001) &&
      near(v.false_northing, c.tmerc.y0, 0.001),
  );
  if (!match) {
    throw new Error(
      `no known Korean CRS matches .prj '${p.name}' (${ellipsoid}, central meridian ${lon0}, latitude of origin ${lat0}, ` +
        `scale ${k}, false easting ${v.false_easting}, false northing ${v.false_northing})`,
    );
  }
  return match;
}

/**
 * Longitude/latitude: WGS 84 as it is, Korea 2000 (GRS80: the same frame within centimetres) as
 * WGS 84, Korean 1985 (Bessel) with its datum shift. Bessel is also the Tokyo datum's ellipsoid,
 * whose shift differs: only a datum named Korean 1985 is taken.
 */
function geographic(p: PrjParams, ellipsoid: KoreanCrs['ellipsoid']): KoreanCrs {
  if (ellipsoid === 'bessel' && !/korea\w*[\s_]+(datum[\s_]+)?1985/i.test(p.datum)) {
    throw new Error(
      `unsupported datum '${p.datum}' in the geographic .prj '${p.name}' (on the Bessel ellipsoid Pilji knows Korean 1985, EPSG:4162)`,
    );
  }
  return KOREAN_CRS.find((c) => !c.tmerc && c.ellipsoid === ellipsoid)!;
}
