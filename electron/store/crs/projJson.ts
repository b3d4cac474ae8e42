import { knownCrs } from './fromWgs84';
import type { KoreanCrs } from './koreanCrs';

const DATUM: Record<KoreanCrs['ellipsoid'], { geog: string; geogCode: number; datum: string; ellipsoid: object }> = {
  bessel: {
    geog: 'Korean 1985',
    geogCode: 4162,
    datum: 'Korean Datum 1985',
    ellipsoid: { name: 'Bessel 1841', semi_major_axis: 6377397.155, inverse_flattening: 299.1528128 },
  },
  GRS80: {
    geog: 'Korea 2000',
    geogCode: 4737,
    datum: 'Geocentric datum of Korea',
    ellipsoid: { name: 'GRS 1980', semi_major_axis: 6378137, inverse_flattening: 298.257222101 },
  },
  WGS84: {
    geog: 'WGS 84',
    geogCode: 4326,
    datum: 'World Geodetic System 1984',
    ellipsoid: { name: 'WGS 84', semi_major_axis: 6378137, inverse_flattening: 298.257223563 },
  },
};

const axis = (name: string, abbreviation: string, direction: string, unit: string) => ({ name, abbreviation, direction, unit });
const parameter = (name: string, value: number, unit: string, code: number) => ({ name, value, unit, id: { authority: 'EPSG', code } });

/**
 * PROJJSON (what GeoParquet's `crs` holds) for a Korean CRS, built from the parameters the
 * transform uses, with the EPSG id, in PROJ's own form (`projinfo EPSG:5186 -o PROJJSON`).
 */
export function projJson(epsg: number): object {
  const crs = knownCrs(epsg);
  const d = DATUM[crs.ellipsoid];
  const geographic = {
    type: 'GeographicCRS',
    name: d.geog,
    datum: { type: 'GeodeticReferenceFrame', name: d.datum, ellipsoid: d.ellipsoid },
    coordinate_system: {
      subtype: 'ellipsoidal',
      axis: [axis('Geodetic latitude', 'Lat', 'north', 'degree'), axis('Geodetic longitude', 'Lon', 'east', 'degree')],
    },
    id: { authority: 'EPSG', code: d.geogCode },
  };
  const schema = { $schema: 'https://proj.org/schemas/v0.5/projjson.schema.json' };
  if (!crs.tmerc) return { ...schema, ...geographic };
  const { lat0, lon0, k, x0, y0 } = crs.tmerc;
  const { type: _, ...base } = geographic;
  return {
    ...schema,
    type: 'ProjectedCRS',
    name: crs.name,
    base_crs: base,
    conversion: {
      name: `${crs.name} projection`,
      method: { name: 'Transverse Mercator', id: { authority: 'EPSG', code: 9807 } },
      parameters: [
        parameter('Latitude of natural origin', lat0, 'degree', 8801),
        parameter('Longitude of natural origin', lon0, 'degree', 8802),
        parameter('Scale factor at natural origin', k, 'unity', 8805),
        parameter('False easting', x0, 'metre', 8806),
        parameter('False northing', y0, 'metre', 8807),
      ],
    },
    coordinate_system: { subtype: 'Cartesian', axis: [axis('Northing', 'X', 'north', 'metre'), axis('Easting', 'Y', 'east', 'metre')] },
    id: { authority: 'EPSG', code: epsg },
  };
}
