import { useState } from 'react';
import { basemapOrigin, validBasemap, type BasemapSetting } from '../../../shared/map/basemapSetting';
import { client } from '../hostConnection';
import { setSlice, useStore, useT } from '../state/store';

/**
 * The basemap setting: offline outlines (default), an XYZ/WMTS tile URL or a MapLibre style URL
 * of the team's own server, or a PMTiles/MBTiles file the host serves (the desktop app offers a
 * file dialog; in a browser the path is typed, as the file is on the server). The page's CSP
 * names the basemap's server, so a new server means a reload (done here, after saving).
 */
export function BasemapSettings() {
  const t = useT();
  const current = useStore((s) => s.settings.basemap);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<BasemapSetting['kind']>(current.kind);
  const [url, setUrl] = useState(current.kind === 'xyz' || current.kind === 'style' ? current.url : '');
  const [file, setFile] = useState(current.kind === 'file' ? current.path : '');
  const [attribution, setAttribution] = useState(current.kind === 'xyz' ? (current.attribution ?? '') : '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const next = validBasemap(kind === 'offline' ? { kind } : kind === 'file' ? { kind, path: file } : { kind, url, attribution });
    if (typeof next === 'string') return setError(next);
    try {
      const saved = await client.setBasemap(next);
      if (basemapOrigin(saved.basemap) !== basemapOrigin(current)) location.reload();
      else {
        setSlice('settings', { basemap: saved.basemap });
        setOpen(false);
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="basemap-settings">
      <button type="button" onClick={() => setOpen(!open)} data-testid="basemap-button">
        {t('basemap')}
      </button>
      {open && (
        <form
          className="basemap-form"
          data-testid="basemap-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {(['offline', 'xyz', 'style', 'file'] as const).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="basemap-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                data-testid={`basemap-${k}`}
              />{' '}
              {t(`basemap_${k}`)}
            </label>
          ))}
          {kind === 'file' && (
            <div className="basemap-file">
              <input
                type="text"
                value={file}
                onChange={(e) => setFile(e.target.value)}
                data-testid="basemap-path"
                spellCheck={false}
                placeholder={t('basemapFilePath')}
              />
              {window.pilji?.pickBasemapFile && (
                <button type="button" onClick={() => void window.pilji!.pickBasemapFile!().then((p) => p && setFile(p))}>
                  {t('browse')}
                </button>
              )}
            </div>
          )}
          {(kind === 'xyz' || kind === 'style') && (
            <input
              type="text"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              data-testid="basemap-url"
              spellCheck={false}
              placeholder={kind === 'xyz' ? 'http://tiles.example.go.kr/{z}/{x}/{y}.png' : 'http://maps.example.go.kr/style.json'}
            />
          )}
          {kind === 'xyz' && (
            <input type="text" value={attribution} onChange={(e) => setAttribution(e.target.value)} placeholder={t('basemapAttribution')} />
          )}
          <p className="muted small">{t('basemapHint')}</p>
          {error && (
            <p className="error" data-testid="basemap-error">
              {error}
            </p>
          )}
          <button type="submit" data-testid="basemap-save">
            {t('saveSettings')}
          </button>
        </form>
      )}
    </div>
  );
}
