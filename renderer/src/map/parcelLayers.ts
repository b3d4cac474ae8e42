import { LineLayer, PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import type { Buffer } from '@luma.gl/core';
import type { ColorScale, Rgba } from './colorScale';
import type { GeometryBuffers } from './geometryBuffers';
import type { GpuFill } from './gpuUploads';

const FILL: Rgba = [232, 110, 44, 110];
const LINE: Rgba = [150, 60, 20, 220];
const SELECTED_FILL: Rgba = [30, 110, 230, 200];
const SELECTED_LINE: Rgba = [20, 70, 180, 255];
const HIDDEN_LINE: Rgba = [0, 0, 0, 0];

/** Per-vertex fill colours by a column's scale for the binary polygon layer: one pass over the parts, no accessor calls. */
export function vertexColors(g: GeometryBuffers, scale: ColorScale): Uint8Array {
  const colors = new Uint8Array(g.positions.length * 2);
  for (let p = 0; p < g.partRow.length; p++) {
    const [r, gr, b, a] = scale.rowColor(g.partRow[p]!);
    for (let v = g.partStarts[p]!; v < g.partStarts[p + 1]!; v++) {
      colors[4 * v] = r;
      colors[4 * v + 1] = gr;
      colors[4 * v + 2] = b;
      colors[4 * v + 3] = a;
    }
  }
  return colors;
}

/** Per-part marker colours by a column's scale (one RGBA per part, opaque enough to read as a dot; a hidden row stays hidden). */
export function partColors(g: GeometryBuffers, scale: ColorScale): Uint8Array {
  const colors = new Uint8Array(g.partRow.length * 4);
  for (let p = 0; p < g.partRow.length; p++) {
    const c = scale.rowColor(g.partRow[p]!);
    colors.set([c[0], c[1], c[2], c[3] ? MARKER_ALPHA : 0], 4 * p);
  }
  return colors;
}

/**
 * The outline colour of every segment and marker rim when the legend filter hides rows: the
 * line colour for the rows drawn, transparent for the others (segments run ring by ring, each
 * ring one fewer than its vertices).
 */
export function filteredLines(g: GeometryBuffers, scale: ColorScale): { segments: Uint8Array; markers: Uint8Array } {
  const segments = new Uint8Array(g.segments.length);
  let s = 0;
  for (let r = 0; r < g.ringRow.length; r++) {
    const color = scale.rowColor(g.ringRow[r]!)[3] ? LINE : HIDDEN_LINE;
    for (let v = g.ringStarts[r]! + 1; v < g.ringStarts[r + 1]!; v++, s += 4) segments.set(color, s);
  }
  const markers = new Uint8Array(g.partRow.length * 4);
  for (let p = 0; p < g.partRow.length; p++) markers.set(scale.rowColor(g.partRow[p]!)[3] ? LINE : HIDDEN_LINE, 4 * p);
  return { segments, markers };
}

/** Buffers already on the GPU (GpuUploads); without them deck.gl uploads the typed arrays itself. */
export interface ParcelGpu {
  fill: GpuFill;
  outline: Buffer | null;
}

export interface ParcelStyle {
  /** per-vertex fill colours (vertexColors) when a column colours the map */
  colors?: Uint8Array | null;
  scale?: ColorScale | null;
  selectedRow?: number | null;
  /** the one fill colour when nothing colours the map */
  fill?: Rgba;
  /** false leaves the outline layer out (see outlinesShown) */
  outlines?: boolean;
  /** a dot of MARKER_RADIUS pixels on every parcel (see markersShown); markerColors per part when coloured */
  markers?: boolean;
  markerColors?: Uint8Array | null;
  /** per-segment outline and per-part marker rim colours when the legend filter hides rows (filteredLines) */
  lines?: { segments: Uint8Array; markers: Uint8Array } | null;
  gpu?: ParcelGpu | null;
}

type LayerData = { fill: object; outline: { length: number; attributes: object } };

/**
 * The layers' data objects, made once per geometry, colours and GPU buffers (deck.gl re-reads a
 * layer whose data object is new). Two colourings are kept per geometry: a pinned result drawn
 * in one colour can share its geometry with the live result coloured by a column; recolouring
 * drops the oldest.
 */
const dataCache = new WeakMap<GeometryBuffers, Map<Uint8Array | null, LayerData & { gpu: ParcelGpu | null }>>();

function layerData(g: GeometryBuffers, colors: Uint8Array | null, gpu: ParcelGpu | null): LayerData {
  let byColors = dataCache.get(g);
  if (!byColors) dataCache.set(g, (byColors = new Map()));
  const hit = byColors.get(colors);
  if (hit && hit.gpu?.fill === gpu?.fill && hit.gpu?.outline === gpu?.outline) return hit;
  const data = {
    gpu,
    fill: {
      // One object spanning every vertex: deck.gl's tesselator then visits one polygon instead
      // of each of 200,000 (~35 ms); picking reads the part from rowIndexes, not from the object.
      length: 1,
      startIndices: [0, g.positions.length / 2],
      attributes: {
        getPolygon: { value: g.positions, size: 2, ...(gpu && { buffer: gpu.fill.positions }) },
        indices: { value: g.triangles, ...(gpu && { buffer: gpu.fill.triangles }) },
        // only extruded sides read it
        instanceVertexValid: { constant: true, value: [1] },
        rowIndexes: { value: g.vertexPart, size: 1, ...(gpu && { buffer: gpu.fill.vertexPart }) },
        ...(colors ? { getFillColor: { value: colors, size: 4, normalized: true } } : {}),
      },
    },
    outline: {
      length: g.segments.length / 4,
      attributes: {
        getSourcePosition: { value: g.segments, size: 2, stride: 16, offset: 0, ...(gpu?.outline && { buffer: gpu.outline }) },
        getTargetPosition: { value: g.segments, size: 2, stride: 16, offset: 8, ...(gpu?.outline && { buffer: gpu.outline }) },
      },
    },
  };
  byColors.delete(colors);
  byColors.set(colors, data);
  if (byColors.size > 2) byColors.delete(byColors.keys().next().value!);
  return data;
}

/** The outline data with per-segment colours, made once per filter (a new data object makes deck.gl read it all again). */
const outlineCache = new WeakMap<Uint8Array, { base: LayerData['outline']; data: LayerData['outline'] }>();
function filteredOutline(base: LayerData['outline'], colors: Uint8Array): LayerData['outline'] {
  const hit = outlineCache.get(colors);
  if (hit?.base === base) return hit.data;
  const data = { ...base, attributes: { ...base.attributes, getColor: { value: colors, size: 4, normalized: true } } };
  outlineCache.set(colors, { base, data });
  return data;
}

/**
 * Binary deck.gl layers over buffers made in the worker: fills in one colour (`fill`) or, when
 * the map is coloured by a column, per-vertex `colors`; outlines as plain segments (LineLayer).
 * Every per-vertex attribute comes made (the part number picking encodes too: as an accessor it
 * cost ~110 ms per 200,000 parcels), so the main thread does no per-feature work. The selected
 * row is drawn again on top, from its own small slices.
 */
export function parcelLayers(id: string, g: GeometryBuffers, style: ParcelStyle = {}): Layer[] {
  const {
    colors = null,
    scale = null,
    selectedRow = null,
    fill = FILL,
    outlines = true,
    gpu = null,
    markers = false,
    markerColors = null,
    lines = null,
  } = style;
  const parts = g.partRow.length;
  const points = g.pointRow.length;
  const layers: Layer[] = [];
  const offsets = projected(g);
  if (parts) {
    const data = layerData(g, colors, gpu);
    layers.push(
      new SolidPolygonLayer({
        id: `${id}-fill`,
        data: data.fill,
        ...(colors ? {} : { getFillColor: fill }),
        _normalize: false,
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 90],
        ...offsets,
      } as never),
    );
    if (outlines) {
      layers.push(
        new LineLayer({
          id: `${id}-outline`,
          data: lines ? filteredOutline(data.outline, lines.segments) : data.outline,
          ...offsets,
          getColor: LINE,
          getWidth: 1,
          widthUnits: 'pixels',
        } as never),
      );
    }
  }
  if (parts && markers) {
    layers.push(
      new ScatterplotLayer({
        id: `${id}-markers`,
        data: {
          length: parts,
          attributes: {
            getPosition: { value: g.partCenters, size: 2 },
            ...(markerColors ? { getFillColor: { value: markerColors, size: 4, normalized: true } } : {}),
            ...(lines ? { getLineColor: { value: lines.markers, size: 4, normalized: true } } : {}),
          },
        },
        ...offsets,
        ...(markerColors ? {} : { getFillColor: [fill[0], fill[1], fill[2], MARKER_ALPHA] }),
        pickable: true,
        radiusUnits: 'pixels',
        getRadius: MARKER_RADIUS,
        stroked: true,
        getLineColor: LINE,
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
      } as never),
    );
  }
  if (points) {
    layers.push(
      new ScatterplotLayer({
        id: `${id}-points`,
        data: { length: points, attributes: { getPosition: { value: g.points, size: 2 } } },
        pickable: true,
        autoHighlight: true,
        radiusUnits: 'pixels',
        getRadius: 5,
        stroked: true,
        getLineColor: LINE,
        lineWidthMinPixels: 1,
        getFillColor: (_: unknown, { index }: { index: number }) =>
          g.pointRow[index] === selectedRow ? SELECTED_FILL : scale ? scale.rowColor(g.pointRow[index]!) : FILL,
        updateTriggers: { getFillColor: [selectedRow, scale] },
      } as never),
    );
  }
  if (selectedRow !== null) layers.push(...selectedLayers(id, g, selectedRow));
  return layers;
}

/**
 * Where the buffers' positions are: Web Mercator offsets from the result's origin (see
 * GeometryBuffers.positions), which deck.gl calls cartesian ("pre-projected") coordinates.
 */
function projected(g: GeometryBuffers) {
  return { coordinateSystem: COORDINATE_SYSTEM.CARTESIAN, coordinateOrigin: [g.origin[0], g.origin[1], 0] };
}

/** The selected row's polygons and rings, as small non-binary layers on top. */
function selectedLayers(id: string, g: GeometryBuffers, row: number): Layer[] {
  const rings: number[][][] = [];
  for (let r = 0; r < g.ringRow.length; r++) {
    if (g.ringRow[r] !== row) continue;
    const ring: number[][] = [];
    for (let v = g.ringStarts[r]!; v < g.ringStarts[r + 1]!; v++) ring.push([g.positions[2 * v]!, g.positions[2 * v + 1]!]);
    rings.push(ring);
  }
  if (!rings.length) return [];
  const centers: number[][] = [];
  for (let p = 0; p < g.partRow.length; p++) if (g.partRow[p] === row) centers.push([g.partCenters[2 * p]!, g.partCenters[2 * p + 1]!]);
  const offsets = projected(g);
  return [
    new SolidPolygonLayer({
      id: `${id}-selected-fill`,
      data: [rings],
      getPolygon: (p: number[][][]) => p,
      getFillColor: SELECTED_FILL,
      ...offsets,
    } as never),
    new PathLayer({
      id: `${id}-selected-outline`,
      data: rings,
      getPath: (r: number[][]) => r,
      getColor: SELECTED_LINE,
      getWidth: 2,
      widthUnits: 'pixels',
      ...offsets,
    } as never),
    // seen at any zoom: a ring of a few pixels round the parcel's centre
    new ScatterplotLayer({
      id: `${id}-selected-marker`,
      data: centers,
      getPosition: (c: number[]) => c,
      radiusUnits: 'pixels',
      getRadius: MARKER_RADIUS + 4,
      ...offsets,
      filled: false,
      stroked: true,
      getLineColor: SELECTED_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    } as never),
  ];
}

const MARKER_RADIUS = 4;
const MARKER_ALPHA = 230;
/** Below this zoom a typical parcel (20-40 m) is about a pixel or less: it gets a marker. */
const MARKER_ZOOM = 12;

/** Whether parcels get a dot of a few pixels at this zoom, so that every one is seen when zoomed out. */
export function markersShown(zoom: number): boolean {
  return zoom < MARKER_ZOOM;
}

/** Results up to this many polygons always have outlines; larger ones only once zoomed in to OUTLINE_ZOOM. */
const ALWAYS_OUTLINED = 50_000;
const OUTLINE_ZOOM = 14;

/**
 * Whether a result's outlines are drawn at this zoom. Below zoom 14 a parcel is a few pixels and
 * 200,000 outlines are a grey smear, yet their segments are the largest buffer to upload (32 MB
 * for 200,000 parcels): a large result arrives without them and gets them when zoomed in.
 */
export function outlinesShown(g: GeometryBuffers, zoom: number): boolean {
  return g.partRow.length <= ALWAYS_OUTLINED || zoom >= OUTLINE_ZOOM;
}
