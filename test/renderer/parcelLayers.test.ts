import { describe, expect, it } from 'vitest';
import { buildGeometryBuffers } from '../../renderer/src/map/geometryBuffers';
import { outlinesShown, parcelLayers } from '../../renderer/src/map/parcelLayers';
import { writeWkb } from '../../shared/geo/wkb';

const square = (x: number) => [x, 0, x + 1, 0, x + 1, 1, x, 1, x, 0];

describe('parcel layers', () => {
  const g = buildGeometryBuffers([writeWkb([[square(0)]]), writeWkb([[square(2)], [square(4)]])]);

  it('draw fills from the worker\'s buffers, picking by part, in one colour unless coloured by a column', () => {
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
});
