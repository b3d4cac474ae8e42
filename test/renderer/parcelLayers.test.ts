import { describe, expect, it } from 'vitest';
import { buildGeometryBuffers } from '../../renderer/src/map/geometryBuffers';
import { markersShown, outlinesShown, parcelLayers, partColors } from '../../renderer/src/map/parcelLayers';
import { writeWkb } from '../../shared/geo/wkb';

const square = (x: number) => [x, 0, x + 1, 0, x + 1, 1, x, 1, x, 0];

describe('parcel layers', () => {
  const g = buildGeometryBuffers([writeWkb([[square(0)]]), writeWkb([[square(2)], [square(4)]])]);

  it("draw fills from the worker's buffers, picking by part, in one colour unless coloured by a column", () => {
    const [fill] = parcelLayers('result', g);
    const props = fill!.props as unknown as { data: { attributes: Record<string, { value: ArrayLike<number> }> }; getFillColor: unknown };
    expect(Array.from(props.data.attributes.rowIndexes!.value)).toEqual([...Array(5).fill(0), ...Array(5).fill(1), ...Array(5).fill(2)]);
    expect(props.data.attributes.getFillColor).toBeUndefined();
    expect(props.getFillColor).toEqual([232, 110, 44, 110]);
    // the same data object for the same geometry and colours: deck.gl uploads nothing again
    expect(parcelLayers('result', g, { selectedRow: 0 })[0]!.props.data).toBe(fill!.props.data);
  });

  it('leave the outlines out of large results until zoomed in', () => {
    expect(parcelLayers('result', g).map((l) => l.id)).toEqual(['result-fill', 'result-outline']);
    expect(parcelLayers('result', g, { outlines: false }).map((l) => l.id)).toEqual(['result-fill']);
    expect(outlinesShown(g, 6)).toBe(true);
    const large = { ...g, partRow: new Uint32Array(200_000) };
    expect(outlinesShown(large, 13)).toBe(false);
    expect(outlinesShown(large, 14)).toBe(true);
  });

  it('mark every parcel with a dot of a few pixels when zoomed out, in its class colour when coloured', () => {
    expect(markersShown(6)).toBe(true);
    expect(markersShown(11)).toBe(true);
    expect(markersShown(12)).toBe(false);
    const layers = parcelLayers('result', g, { markers: true, selectedRow: 1 });
    expect(layers.map((l) => l.id)).toEqual([
      'result-fill',
      'result-outline',
      'result-markers',
      'result-selected-fill',
      'result-selected-outline',
      'result-selected-marker',
    ]);
    const markers = layers[2]!.props as unknown as { data: { length: number }; radiusUnits: string; getRadius: number };
    expect(markers.data.length).toBe(3); // one per part
    expect(markers.radiusUnits).toBe('pixels');
    expect(markers.getRadius).toBeGreaterThanOrEqual(3);
    const scale = { rowColor: (row: number) => (row === 0 ? [1, 2, 3, 40] : [4, 5, 6, 40]) } as never;
    expect(Array.from(partColors(g, scale))).toEqual([1, 2, 3, 230, 4, 5, 6, 230, 4, 5, 6, 230]);
  });
});
