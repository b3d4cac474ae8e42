import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { PolygonBuffers } from './polygonBuffers';

const FILL: [number, number, number, number] = [232, 110, 44, 110];
const LINE: [number, number, number, number] = [150, 60, 20, 220];
const SELECTED_FILL: [number, number, number, number] = [30, 110, 230, 200];

/** Binary deck.gl layers over pre-triangulated buffers: no per-feature JS objects. */
export function parcelLayers(id: string, g: PolygonBuffers, selectedRow: number | null): Layer[] {
  const parts = g.partRow.length;
  const rings = g.ringRow.length;
  return [
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
      getFillColor: (_: unknown, { index }: { index: number }) => (g.partRow[index] === selectedRow ? SELECTED_FILL : FILL),
      updateTriggers: { getFillColor: selectedRow },
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
