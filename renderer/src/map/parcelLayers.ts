import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { ColorScale } from './colorScale';
import type { GeometryBuffers } from './geometryBuffers';

const FILL: [number, number, number, number] = [232, 110, 44, 110];
const LINE: [number, number, number, number] = [150, 60, 20, 220];
const SELECTED_FILL: [number, number, number, number] = [30, 110, 230, 200];

/** Binary deck.gl layers over pre-triangulated buffers: no per-feature JS objects. */
export function parcelLayers(id: string, g: GeometryBuffers, selectedRow: number | null, scale: ColorScale | null): Layer[] {
  const fill = (row: number) => (row === selectedRow ? SELECTED_FILL : scale ? scale.rowColor(row) : FILL);
  const parts = g.partRow.length;
  const rings = g.ringRow.length;
  const points = g.pointRow.length;
  return [
    ...(points ? [new ScatterplotLayer({
      id: `${id}-points`,
      data: { length: points, attributes: { getPosition: { value: g.points, size: 2 } } },
      pickable: true,
      autoHighlight: true,
      radiusUnits: 'pixels',
      getRadius: 5,
      stroked: true,
      getLineColor: LINE,
      lineWidthMinPixels: 1,
      getFillColor: (_: unknown, { index }: { index: number }) => fill(g.pointRow[index]!),
      updateTriggers: { getFillColor: [selectedRow, scale] },
    } as never)] : []),
    new SolidPolygonLayer({
      id: `${id}-fill`,
      data: {
        length: parts,
        startIndices: g.partStarts,
        attributes: {
          getPolygon: { value: g.positions, size: 2 },
          indices: g.triangles,
          instanceVertexValid: { value: g.vertexValid, size: 1 },
        },
      },
      _normalize: false,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
      getFillColor: (_: unknown, { index }: { index: number }) => fill(g.partRow[index]!),
      updateTriggers: { getFillColor: [selectedRow, scale] },
    } as never),
    new PathLayer({
      id: `${id}-outline`,
      data: { length: rings, startIndices: g.ringStarts, attributes: { getPath: { value: g.positions, size: 2 } } },
      _pathType: 'open',
      getColor: LINE,
      getWidth: 1,
      widthUnits: 'pixels',
      widthMinPixels: 0.5,
    } as never),
  ];
}
