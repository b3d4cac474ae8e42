import proj4 from 'proj4';
import { crsByEpsg, proj4Definition } from '../../store/crs/koreanCrs';

/**
 * The plane shapes are measured on: the Korea 2000 transverse Mercator belt (EPSG:5185 West,
 * 5186 Central, 5187 East, 5188 East Sea) whose zone holds the shape, the planes the Korean
 * cadastre measures areas on. The store keeps lon/lat (EPSG:4326); metres need a plane, and one
 * belt for the whole country would stretch areas by up to 0.1% at its far edge.
 */
export interface BeltPlane {
  epsg: number;
  /** lon/lat → metres, flat [x0, y0, x1, y1, ...], in place */
  forward(xy: number[]): void;
  /** metres → lon/lat, in place */
  inverse(xy: number[]): void;
}

const BELTS = new Map<number, BeltPlane>();

/** The belt of a shape at longitude `lon` (the zones are 2° wide, 124°–132° E). */
export function beltPlane(lon: number): BeltPlane {
  const epsg = lon < 126 ? 5185 : lon < 128 ? 5186 : lon < 130 ? 5187 : 5188;
  let plane = BELTS.get(epsg);
  if (!plane) {
    const t = proj4('WGS84', proj4Definition(crsByEpsg(epsg)!));
    const apply = (f: (p: [number, number]) => number[]) => (xy: number[]) => {
      for (let i = 0; i < xy.length; i += 2) {
        const [x, y] = f([xy[i]!, xy[i + 1]!]) as [number, number];
        xy[i] = x;
        xy[i + 1] = y;
      }
    };
    plane = { epsg, forward: apply((p) => t.forward(p)), inverse: apply((p) => t.inverse(p)) };
    BELTS.set(epsg, plane);
  }
  return plane;
}
