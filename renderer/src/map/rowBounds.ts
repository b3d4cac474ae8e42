import type { GeometryBuffers } from './geometryBuffers';
import { latOf, lngOf } from './mercator';

/**
 * The lon/lat bounds of one result row's geometry (its rings and points), null when it has none:
 * what the map zooms to when the analyst picks the row in the table.
 */
export function rowBounds(g: GeometryBuffers, row: number): [number, number, number, number] | null {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const extend = (x: number, y: number) => {
    if (x < b[0]!) b[0] = x;
    if (y < b[1]!) b[1] = y;
    if (x > b[2]!) b[2] = x;
    if (y > b[3]!) b[3] = y;
  };
  // the rings' box in Web Mercator, its corners back to lon/lat (the projection keeps the order)
  for (let r = 0; r < g.ringRow.length; r++) {
    if (g.ringRow[r] !== row) continue;
    for (let v = g.ringStarts[r]!; v < g.ringStarts[r + 1]!; v++)
      extend(g.origin[0] + g.positions[2 * v]!, g.origin[1] + g.positions[2 * v + 1]!);
  }
  if (b[0] !== Infinity) [b[0], b[1], b[2], b[3]] = [lngOf(b[0]!), latOf(b[1]!), lngOf(b[2]!), latOf(b[3]!)];
  for (let p = 0; p < g.pointRow.length; p++) if (g.pointRow[p] === row) extend(g.points[2 * p]!, g.points[2 * p + 1]!);
  return b[0] === Infinity ? null : [b[0]!, b[1]!, b[2]!, b[3]!];
}
