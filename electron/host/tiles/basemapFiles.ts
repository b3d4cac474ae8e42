import { openTileSource } from './openTileSource';
import type { TileSource } from './tileSource';

/** The basemap tile file in use, opened once and kept open while the setting names it. */
export class BasemapFiles {
  private current: { path: string; source: Promise<TileSource> } | null = null;

  /** The file's source; a file that failed to open is tried again on the next call. */
  get(path: string): Promise<TileSource> {
    if (this.current?.path !== path) {
      this.close();
      const source = openTileSource(path);
      this.current = { path, source };
      source.catch(() => {
        if (this.current?.source === source) this.current = null;
      });
    }
    return this.current!.source;
  }

  close(): void {
    void this.current?.source.then(
      (s) => s.close(),
      () => undefined,
    );
    this.current = null;
  }
}
