import path from 'node:path';
import type { Settings } from '../../shared/api/contract';
import { OFFLINE_BASEMAP, validBasemap, type BasemapSetting } from '../../shared/map/basemapSetting';
import { writeFileAtomic } from '../store/manifest';
import { readStateFile, type WorkspaceProblems } from '../workspace/workspaceState';

const FILE = 'settings.json';

/**
 * The workspace's settings (`<workspace>/settings.json`, replaced atomically): what the host must
 * know as well as the page, such as the basemap, whose origin the page's CSP then allows.
 */
export class SettingsStore {
  private constructor(
    private readonly file: string,
    private current: Settings,
  ) {}

  static async open(workspaceDir: string, problems: WorkspaceProblems): Promise<SettingsStore> {
    const file = path.join(workspaceDir, FILE);
    const saved = await readStateFile(file, asSettings, problems, 'the settings');
    return new SettingsStore(file, saved ?? { basemap: OFFLINE_BASEMAP });
  }

  get(): Settings {
    return this.current;
  }

  async setBasemap(basemap: BasemapSetting): Promise<Settings> {
    const next = { ...this.current, basemap };
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    this.current = next;
    return next;
  }
}

function asSettings(v: unknown): Settings | null {
  const basemap = validBasemap((v as { basemap?: unknown } | null)?.basemap ?? OFFLINE_BASEMAP);
  return typeof basemap === 'string' ? null : { basemap };
}
