import type { Table } from 'apache-arrow';
import type { Classing, Rgba } from '../../map/colorScale';
import type { GeometryBuffers } from '../../map/geometryBuffers';

/**
 * A result kept on the map while other queries run: in the colouring it had when pinned (by a
 * column), or in one colour of its own; shown or hidden, reordered, renamed.
 */
export interface PinnedLayer {
  id: string;
  label: string;
  /** the query that drew it: a reload runs it again */
  dsl: string;
  table: Table;
  geometry: GeometryBuffers;
  /** the fill when no column colours it */
  color: Rgba;
  colorBy: string | null;
  classing: Classing;
  visible: boolean;
}

export interface LayersSlice {
  /** top of the list = drawn on top */
  pinned: PinnedLayer[];
  resultVisible: boolean;
}

export const initialLayers = (): LayersSlice => ({ pinned: [], resultVisible: true });
