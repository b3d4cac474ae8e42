import type { Polygon } from '../../../shared/geo/wkb';

/** Where a box lies against an area: wholly in its interior, wholly apart from it, or near its boundary. */
export type BoxPlace = 'inside' | 'outside' | 'boundary';

/**
 * Boxes within this many degrees (≈ 1 cm) of an edge count as on the boundary: beyond it, the
 * rounding of the tests below (≈ 1e-13°) cannot change a verdict.
 */
const MARGIN = 1e-7;
/** a box spanning more cells than this is left to the exact test rather than walked */
const MAX_CELLS = 64;

/**
 * Places boxes against an area's edges, bucketed in a grid: a shape whose box lies wholly inside
 * the area's interior meets it and lies in it; one whose box lies wholly apart does neither. Only
 * boxes near the boundary need GEOS's exact test (issue 20: 파주시 against its parcels).
 */
export class BoxPlacer {
  private readonly cells: Int32Array;
  private readonly cellStart: Int32Array;
  private readonly rows: Int32Array;
  private readonly rowStart: Int32Array;
  /** per cell without edges: which side it lies on, found once (0: not yet, 1: inside, 2: outside) */
  private readonly sides: Int8Array;

  private constructor(
    /** segments: x0, y0, x1, y1 each */
    private readonly seg: Float64Array,
    private readonly bounds: readonly [number, number, number, number],
    private readonly n: number,
  ) {
    const count = seg.length / 4;
    [this.cellStart, this.cells] = this.bucket(n * n, count, (s, add) => {
      const [c0, r0, c1, r1] = this.span(
        Math.min(seg[s]!, seg[s + 2]!),
        Math.min(seg[s + 1]!, seg[s + 3]!),
        Math.max(seg[s]!, seg[s + 2]!),
        Math.max(seg[s + 1]!, seg[s + 3]!),
      );
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) add(r * n + c);
    });
    this.sides = new Int8Array(n * n);
    [this.rowStart, this.rows] = this.bucket(n, count, (s, add) => {
      const [, r0, , r1] = this.span(0, Math.min(seg[s + 1]!, seg[s + 3]!), 0, Math.max(seg[s + 1]!, seg[s + 3]!));
      for (let r = r0; r <= r1; r++) add(r);
    });
  }

  /** The edges of polygons (lon/lat rings, holes included); null when there are none. */
  static of(polygons: Polygon[]): BoxPlacer | null {
    const seg: number[] = [];
    for (const p of polygons) {
      for (const ring of p) {
        // a ring's last point repeats its first; one left open is closed here, as GEOS reads it
        for (let k = 0; k < ring.length; k += 2) {
          const next = k + 2 < ring.length ? k + 2 : 0;
          if (ring[k] !== ring[next] || ring[k + 1] !== ring[next + 1]) seg.push(ring[k]!, ring[k + 1]!, ring[next]!, ring[next + 1]!);
        }
      }
    }
    if (!seg.length) return null;
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < seg.length; i += 2) {
      [x0, x1] = [Math.min(x0, seg[i]!), Math.max(x1, seg[i]!)];
      [y0, y1] = [Math.min(y0, seg[i + 1]!), Math.max(y1, seg[i + 1]!)];
    }
    const n = Math.max(1, Math.min(512, Math.round(2 * Math.sqrt(seg.length / 4))));
    return new BoxPlacer(Float64Array.from(seg), [x0, y0, x1, y1], n);
  }

  place(x0: number, y0: number, x1: number, y1: number): BoxPlace {
    const [bx0, by0, bx1, by1] = [x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN];
    const [X0, Y0, X1, Y1] = this.bounds;
    if (bx1 < X0 || bx0 > X1 || by1 < Y0 || by0 > Y1) return 'outside';
    const [c0, r0, c1, r1] = this.span(bx0, by0, bx1, by1);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS) return 'boundary';
    let edges = false;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.n + c;
        for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
          edges = true;
          if (this.meets(this.cells[k]! * 4, bx0, by0, bx1, by1)) return 'boundary';
        }
      }
    }
    // no edge comes near the box: it lies wholly on the side its corner does, and where its cells
    // hold no edge at all, on the side of the whole cell
    if (edges) return this.contains(x0, y0) ? 'inside' : 'outside';
    return this.cellSide(r0 * this.n + c0) ? 'inside' : 'outside';
  }

  private cellSide(cell: number): boolean {
    if (this.sides[cell] === 0) {
      const [X0, Y0, X1, Y1] = this.bounds;
      const [c, r] = [cell % this.n, Math.floor(cell / this.n)];
      const x = X0 + ((c + 0.5) / this.n) * (X1 - X0);
      const y = Y0 + ((r + 0.5) / this.n) * (Y1 - Y0);
      this.sides[cell] = this.contains(x, y) ? 1 : 2;
    }
    return this.sides[cell] === 1;
  }

  /** even-odd ray cast towards +x over the edges of the point's grid row */
  private contains(px: number, py: number): boolean {
    const [, Y0, , Y1] = this.bounds;
    if (py < Y0 || py > Y1) return false;
    const r = this.row(py);
    const seg = this.seg;
    let inside = false;
    for (let k = this.rowStart[r]!; k < this.rowStart[r + 1]!; k++) {
      const s = this.rows[k]! * 4;
      const [ax, ay, bx, by] = [seg[s]!, seg[s + 1]!, seg[s + 2]!, seg[s + 3]!];
      if (ay > py !== by > py && ax + ((py - ay) * (bx - ax)) / (by - ay) > px) inside = !inside;
    }
    return inside;
  }

  /** segment s meets the box: their boxes overlap and the box's corners are not all on one side of its line */
  private meets(s: number, x0: number, y0: number, x1: number, y1: number): boolean {
    const seg = this.seg;
    const [ax, ay, bx, by] = [seg[s]!, seg[s + 1]!, seg[s + 2]!, seg[s + 3]!];
    if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) return false;
    const [dx, dy] = [bx - ax, by - ay];
    const a = Math.sign(dx * (y0 - ay) - dy * (x0 - ax));
    return (
      a === 0 ||
      Math.sign(dx * (y0 - ay) - dy * (x1 - ax)) !== a ||
      Math.sign(dx * (y1 - ay) - dy * (x0 - ax)) !== a ||
      Math.sign(dx * (y1 - ay) - dy * (x1 - ax)) !== a
    );
  }

  /** the grid cells [c0, r0, c1, r1] a box covers, clamped to the grid */
  private span(x0: number, y0: number, x1: number, y1: number): [number, number, number, number] {
    return [this.col(x0), this.row(y0), this.col(x1), this.row(y1)];
  }

  private col(x: number): number {
    const [X0, , X1] = this.bounds;
    return Math.min(this.n - 1, Math.max(0, Math.floor(((x - X0) / (X1 - X0 || 1)) * this.n)));
  }

  private row(y: number): number {
    const [, Y0, , Y1] = this.bounds;
    return Math.min(this.n - 1, Math.max(0, Math.floor(((y - Y0) / (Y1 - Y0 || 1)) * this.n)));
  }

  /** compressed buckets: each item's bucket ids from `each`, as start offsets and items */
  private bucket(buckets: number, items: number, each: (s: number, add: (b: number) => void) => void): [Int32Array, Int32Array] {
    const start = new Int32Array(buckets + 1);
    for (let i = 0; i < items; i++) each(i * 4, (b) => (start[b + 1] = start[b + 1]! + 1));
    for (let b = 0; b < buckets; b++) start[b + 1] = start[b + 1]! + start[b]!;
    const fill = start.slice(0, buckets);
    const out = new Int32Array(start[buckets]!);
    for (let i = 0; i < items; i++)
      each(i * 4, (b) => {
        const at = fill[b]!;
        out[at] = i;
        fill[b] = at + 1;
      });
    return [start, out];
  }
}
