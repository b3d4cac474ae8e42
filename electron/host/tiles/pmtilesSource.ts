import { closeSync, openSync, readSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Compression, PMTiles, TileType, type Source } from 'pmtiles';
import type { TileFileInfo } from '../../../shared/api/contract';
import { tileFormat, type TileSource } from './tileSource';

const FORMAT_NAMES: Partial<Record<TileType, string>> = {
  [TileType.Mvt]: 'pbf',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
};

/** A PMTiles (v3) archive, read through the `pmtiles` library from byte ranges of the file. */
export async function openPmtiles(path: string): Promise<TileSource> {
  const fd = openSync(path, 'r');
  const source: Source = {
    getKey: () => path,
    getBytes: async (offset, length) => {
      const data = new Uint8Array(length);
      const n = readSync(fd, data, 0, length, offset);
      return { data: data.buffer.slice(0, n) };
    },
  };
  try {
    const archive = new PMTiles(source, undefined, decompress);
    const header = await archive.getHeader().catch((e: Error) => {
      throw new Error(`${path}: not a readable PMTiles archive (${e.message})`, { cause: e });
    });
    const metadata = (await archive.getMetadata().catch(() => ({}))) as { attribution?: unknown; vector_layers?: { id?: unknown }[] };
    const info: TileFileInfo = {
      format: tileFormat(FORMAT_NAMES[header.tileType] ?? `tile type ${header.tileType}`, path),
      minzoom: header.minZoom,
      maxzoom: header.maxZoom,
      bounds:
        header.minLon < header.maxLon && header.minLat < header.maxLat
          ? [header.minLon, header.minLat, header.maxLon, header.maxLat]
          : null,
      attribution: typeof metadata.attribution === 'string' ? metadata.attribution : null,
      vectorLayers: (metadata.vector_layers ?? []).map((l) => l.id).filter((id): id is string => typeof id === 'string'),
    };
    return {
      info,
      tile: async (z, x, y) => {
        if (z < 0 || z > 30 || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) return null;
        const hit = await archive.getZxy(z, x, y);
        return hit ? new Uint8Array(hit.data) : null;
      },
      close: () => closeSync(fd),
    };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** The library's own decompression handles gzip only; Node has brotli too. */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(buf);
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  const out =
    compression === Compression.Gzip ? gunzipSync(bytes) : compression === Compression.Brotli ? brotliDecompressSync(bytes) : null;
  if (!out) throw new Error(`PMTiles compression ${Compression[compression]} is not supported (gzip and brotli are)`);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}
