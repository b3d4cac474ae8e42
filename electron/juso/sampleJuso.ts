import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { JusoDbInfo } from '../../shared/api/contract';
import type { RoadIndex } from '../../shared/address/roadIndex';
import type { Engine } from '../engine/engine';
import { jusoIndexFile, jusoIndexInfo, loadRoadIndex } from './jusoIndexFile';
import { importJuso } from './jusoImport';

/**
 * The bundled sample 도로명주소 DB (assets/sample/juso, generated over the sample store's parcels):
 * what road-name addresses resolve through while the sample store is the one in use and the
 * workspace has imported no DB of its own. A first-time analyst's road-name list then matches
 * on the first screen, and a real store never resolves through the sample's made-up buildings.
 * Its index is built by the ordinary importer into <workspace>/sample, once per version of the files.
 */
export class SampleJuso {
  private built: Promise<void> | null = null;
  private readonly filesDir: string;
  private readonly storeDir: string;
  private readonly indexDir: string;

  constructor(
    private readonly engine: Engine,
    assetsDir: string,
    workspaceDir: string,
  ) {
    this.filesDir = path.join(assetsDir, 'sample', 'juso');
    this.storeDir = path.resolve(assetsDir, 'sample', 'store');
    this.indexDir = path.join(workspaceDir, 'sample');
  }

  /** Whether the sample DB stands in for the store at `storeDir` (only the sample store's). */
  appliesTo(storeDir: string): boolean {
    return path.resolve(storeDir) === this.storeDir && statSync(this.filesDir, { throwIfNoEntry: false }) !== undefined;
  }

  async index(): Promise<RoadIndex | null> {
    await this.build();
    return loadRoadIndex(this.engine, this.indexDir);
  }

  async info(): Promise<JusoDbInfo | null> {
    await this.build();
    const info = await jusoIndexInfo(this.engine, this.indexDir);
    return info && { ...info, sample: true };
  }

  /** The index, unless one newer than every sample file is there (concurrent callers share one build). */
  private build(): Promise<void> {
    this.built ??= (async () => {
      const index = statSync(jusoIndexFile(this.indexDir), { throwIfNoEntry: false });
      const newest = Math.max(...readdirSync(this.filesDir).map((f) => statSync(path.join(this.filesDir, f)).mtimeMs));
      if (!index || index.mtimeMs < newest) await importJuso([this.filesDir], this.indexDir, this.engine);
    })().catch((e: unknown) => {
      this.built = null; // a failed build is tried again on the next call, not remembered
      throw e;
    });
    return this.built;
  }
}
