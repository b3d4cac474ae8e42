/**
 * deck.gl's common space for a Web Mercator map: the world 512 units wide, x east, y north. The
 * map's buffers hold positions here, projected in the geometry worker in double precision, so
 * that the GPU only scales and shifts them: deck.gl's lon/lat offsets are a second-order
 * expansion round one origin, metres off at zoom 19 for parcels a degree from it.
 */
const SCALE = 512 / (2 * Math.PI);

export function mercatorX(lng: number): number {
  return ((lng * Math.PI) / 180 + Math.PI) * SCALE;
}

export function mercatorY(lat: number): number {
  return (Math.PI + Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) * SCALE;
}

export function lngOf(x: number): number {
  return ((x / SCALE - Math.PI) * 180) / Math.PI;
}

export function latOf(y: number): number {
  return ((2 * Math.atan(Math.exp(y / SCALE - Math.PI)) - Math.PI / 2) * 180) / Math.PI;
}
