import type { TileFileInfo } from '../../../shared/api/contract';

/** A basemap tile file the host serves: tiles by XYZ address, uncompressed (null where it has none). */
export interface TileSource {
  info: TileFileInfo;
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  close(): void;
}

const FORMATS: Record<string, TileFileInfo['format']> = {
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  webp: 'webp',
  avif: 'avif',
  pbf: 'pbf',
  mvt: 'pbf',
};

export function tileFormat(name: string, path: string): TileFileInfo['format'] {
  const f = FORMATS[name.toLowerCase()];
  if (!f) throw new Error(`${path}: tiles in '${name}' cannot be drawn (png, jpg, webp, avif or vector pbf can)`);
  return f;
}

export const TILE_CONTENT_TYPES: Record<TileFileInfo['format'], string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  pbf: 'application/x-protobuf',
};
