/**
 * The analyst's basemap. Offline by default (the bundled 시도/시군구 outlines); on a closed network
 * a team's own tile server: an XYZ or WMTS (REST) raster URL template, or a MapLibre style URL;
 * or a tile file on the host's disk (PMTiles or MBTiles), which the host serves itself.
 * Nothing is fetched from anywhere the user did not type.
 */
export type BasemapSetting =
  | { kind: 'offline' }
  | { kind: 'xyz'; url: string; attribution?: string }
  | { kind: 'style'; url: string }
  | { kind: 'file'; path: string };

export const OFFLINE_BASEMAP: BasemapSetting = { kind: 'offline' };

/** WMTS REST templates name the tile by matrix, row and column; MapLibre wants {z}/{x}/{y}. */
export function xyzTemplate(url: string): string {
  return url
    .replace(/\{TileMatrix\}/g, '{z}')
    .replace(/\{TileCol\}/g, '{x}')
    .replace(/\{TileRow\}/g, '{y}');
}

/** The setting when it is well formed, else why not (in words for the settings form). */
export function validBasemap(v: unknown): BasemapSetting | string {
  const b = v as Partial<{ kind: string; url: unknown; attribution: unknown; path: unknown }> | null;
  if (!b || typeof b !== 'object') return 'expected {"kind": "offline" | "xyz" | "style" | "file", ...}';
  if (b.kind === 'offline') return OFFLINE_BASEMAP;
  if (b.kind === 'file') {
    const file = typeof b.path === 'string' ? b.path.trim() : '';
    if (!file) return 'give the path of a .pmtiles or .mbtiles file on the computer Pilji runs on';
    if (!/\.(pmtiles|mbtiles)$/i.test(file)) return `a basemap file is a .pmtiles or .mbtiles file: ${file}`;
    return { kind: 'file', path: file };
  }
  if (b.kind !== 'xyz' && b.kind !== 'style') return `unknown basemap kind '${String(b.kind)}'`;
  if (typeof b.url !== 'string' || !b.url.trim()) return 'give the URL of the tiles or the style';
  const url = b.url.trim();
  if (/\s/.test(url)) return `a URL has no spaces: ${url}`;
  if (!originOf(url)) return `the URL must start with http:// or https:// and a host: ${url}`;
  if (b.kind === 'xyz') {
    const t = xyzTemplate(url);
    if (!['{z}', '{x}', '{y}'].every((p) => t.includes(p)))
      return 'a tile URL needs {z}, {x} and {y} (or WMTS {TileMatrix}, {TileCol}, {TileRow})';
    const attribution = typeof b.attribution === 'string' && b.attribution.trim() ? b.attribution.trim().slice(0, 200) : undefined;
    return { kind: 'xyz', url, ...(attribution ? { attribution } : {}) };
  }
  return { kind: 'style', url };
}

/** The one origin a basemap reads from, which the page must be allowed to reach; null offline. */
export function basemapOrigin(b: BasemapSetting): string | null {
  return b.kind === 'offline' || b.kind === 'file' ? null : originOf(b.url);
}

/** scheme://host[:port] of an http(s) URL, lower case (shared code has no URL class). */
function originOf(url: string): string | null {
  const m = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?(?=[/?#]|$)/i.exec(url);
  if (!m) return null;
  const port =
    m[3] && !((m[1]!.toLowerCase() === 'http' && m[3] === ':80') || (m[1]!.toLowerCase() === 'https' && m[3] === ':443')) ? m[3] : '';
  return `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}${port}`;
}
