/**
 * Distances and areas on the WGS84 ellipsoid, for the map's measuring tool: what QGIS reports
 * with its ellipsoidal measurement (tested against SpatiaLite's GeographicLib figures).
 */
const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const RAD = Math.PI / 180;

export type LonLat = readonly [number, number];

/**
 * Vincenty's inverse formula: the geodesic distance in metres between two points (sub-millimetre
 * on the ellipsoid; it converges for every pair that is not nearly antipodal, which a map of Korea never asks).
 */
export function geodesicDistance(p: LonLat, q: LonLat): number {
  const L = (q[0] - p[0]) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(p[1] * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(q[1] * RAD));
  const [sinU1, cosU1, sinU2, cosU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];
  let lambda = L;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda);
    const cosL = Math.cos(lambda);
    const sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const dSigma =
        bigB *
        sinSigma *
        (cos2SigmaM +
          (bigB / 4) *
            (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
              (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
      return B * bigA * (sigma - dSigma);
    }
  }
  throw new Error('geodesicDistance: no convergence (nearly antipodal points)');
}

/** The length in metres of a line through the points. */
export function pathLength(points: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += geodesicDistance(points[i - 1]!, points[i]!);
  return sum;
}

/** Authalic q(φ) (Snyder, Map Projections, eq. 3-12): y = a·q/2 is the equal-area cylindrical projection of the ellipsoid. */
function q(lat: number): number {
  const s = Math.sin(lat * RAD);
  return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}

/** Each edge is cut into pieces about this long (radians of arc, ~640 m) that follow its great circle. */
const STEP_RAD = 1e-4;

/**
 * The area in m² of the polygon with these corners (closed or not), on the ellipsoid: the
 * shoelace formula in the ellipsoid's equal-area cylindrical projection, which keeps areas exactly.
 * Each edge is first cut into short pieces along its great circle, so that it follows the
 * geodesic (as GeographicLib's edges do) rather than a straight line in degrees.
 */
export function polygonArea(points: readonly LonLat[]): number {
  const ring = points.length > 1 && sameSpot(points[0]!, points[points.length - 1]!) ? points.slice(0, -1) : points;
  if (ring.length < 3) return 0;
  const [lon0, lat0] = ring[0]!;
  const q0 = q(lat0);
  // relative to the first corner: absolute metres near 1.4e7 would cost the shoelace its precision
  const xy: [number, number][] = [];
  ring.forEach((p, i) => {
    for (const [lon, lat] of greatCirclePieces(p, ring[(i + 1) % ring.length]!)) xy.push([A * (lon - lon0) * RAD, (A * (q(lat) - q0)) / 2]);
  });
  let twice = 0;
  xy.forEach(([x1, y1], i) => {
    const [x2, y2] = xy[(i + 1) % xy.length]!;
    twice += x1 * y2 - x2 * y1;
  });
  return Math.abs(twice) / 2;
}

/** The start of the edge p→q and the points cutting it, along its great circle (q itself excluded). */
function greatCirclePieces(p: LonLat, q: LonLat): LonLat[] {
  // on the auxiliary sphere of reduced latitudes, where a geodesic is nearly a great circle
  const v = (a: LonLat) => {
    const beta = Math.atan((1 - F) * Math.tan(a[1] * RAD));
    return [Math.cos(beta) * Math.cos(a[0] * RAD), Math.cos(beta) * Math.sin(a[0] * RAD), Math.sin(beta)];
  };
  const [a, b] = [v(p), v(q)];
  const omega = Math.acos(Math.min(1, a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!));
  const pieces = Math.ceil(omega / STEP_RAD);
  if (pieces <= 1) return [p];
  const out: LonLat[] = [p];
  for (let k = 1; k < pieces; k++) {
    const t = k / pieces;
    const [wa, wb] = [Math.sin((1 - t) * omega) / Math.sin(omega), Math.sin(t * omega) / Math.sin(omega)];
    const [x, y, z] = [0, 1, 2].map((j) => wa * a[j]! + wb * b[j]!) as [number, number, number];
    out.push([Math.atan2(y, x) / RAD, Math.atan(Math.tan(Math.atan2(z, Math.hypot(x, y))) / (1 - F)) / RAD]);
  }
  return out;
}

function sameSpot(a: LonLat, b: LonLat): boolean {
  return a[0] === b[0] && a[1] === b[1];
}
