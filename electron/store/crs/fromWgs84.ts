import proj4 from 'proj4';
import { crsByEpsg, proj4Definition, type KoreanCrs } from './koreanCrs';

/** Projects flat x/y pairs (WGS 84 lon/lat in, the target CRS out) in place. */
export type ProjectFlat = (xy: number[]) => void;

/**
 * WGS 84 lon/lat → a Korean CRS, for exports: the inverse of the import's transform, through the
 * same proj4 definitions (the Bessel datum shift included), so a parcel imported from EPSG:5174 and
 * exported to it lands where it came from. Every vertex exactly: exports are not the hot path.
 * Null for WGS 84 itself, which needs nothing.
 */
export function projectFromWgs84(epsg: number): ProjectFlat | null {
  const crs = knownCrs(epsg);
  if (crs.epsg === 4326) return null;
  const t = proj4('WGS84', proj4Definition(crs));
  return (xy) => {
    for (let i = 0; i < xy.length; i += 2) {
      const [x, y] = t.forward([xy[i]!, xy[i + 1]!]) as [number, number];
      xy[i] = x;
      xy[i + 1] = y;
    }
  };
}

export function knownCrs(epsg: number): KoreanCrs {
  const crs = crsByEpsg(epsg);
  if (!crs) throw new RangeError(`unknown coordinate system EPSG:${epsg}`);
  return crs;
}

const GEOGCS: Record<KoreanCrs['ellipsoid'], string> = {
  bessel:
    'GEOGCS["GCS_Korean_Datum_1985",DATUM["D_Korean_Datum_1985",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  GRS80:
    'GEOGCS["GCS_Korea_2000",DATUM["D_Korea_2000",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  WGS84:
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
};

/**
 * The ESRI WKT a .prj beside a shapefile holds (what QGIS, ArcGIS and GDAL write and read),
 * built from the same parameters the transform uses. ESRI WKT carries no TOWGS84: readers know
 * the Korean 1985 datum's shift by its name, D_Korean_Datum_1985.
 */
export function esriPrj(epsg: number): string {
  const crs = knownCrs(epsg);
  if (!crs.tmerc) return GEOGCS[crs.ellipsoid];
  const { lat0, lon0, k, x0, y0 } = crs.tmerc;
  const name = crs.name.replace(/[^A-Za-z0-9]+/g, '_');
  const param = (n: string, v: number) => `PARAMETER["${n}",${Number(v.toPrecision(15))}]`;
  return `PROJCS["${name}",${GEOGCS[crs.ellipsoid]},PROJECTION["Transverse_Mercator"],${[
    param('False_Easting', x0),
    param('False_Northing', y0),
    param('Central_Meridian', lon0),
    param('Scale_Factor', k),
    param('Latitude_Of_Origin', lat0),
  ].join(',')},UNIT["Meter",1.0]]`;
}
