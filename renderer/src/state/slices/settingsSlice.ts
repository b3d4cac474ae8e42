import { OFFLINE_BASEMAP, type BasemapSetting } from '../../../../shared/map/basemapSetting';
import type { Lang } from '../../i18n';
import type { PaneSizes } from '../paneSizes';

/** The analyst's choices that hold for every tab: the language, the basemap, the panes' sizes. */
export interface SettingsSlice {
  lang: Lang;
  /** the workspace's basemap (settings.json on the host) */
  basemap: BasemapSetting;
  /** saved with the workspace view (workspaceUi.ts), per client */
  panes: PaneSizes;
}

export const initialSettings = (): SettingsSlice => ({
  lang: 'ko',
  basemap: OFFLINE_BASEMAP,
  panes: { data: null, middle: null, editor: null },
});
