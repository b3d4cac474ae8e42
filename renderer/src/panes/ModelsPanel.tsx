import { useRef, useState } from 'react';
import type { TextEncoding } from '../../../shared/api/contract';
import { openModel, registerModelFiles } from '../state/modelsRunner';
import { routeDrop } from '../state/dropRouter';
import { DropZone } from './DropZone';
import { StaleReport } from './StaleReport';
import { useStore, useT } from '../state/store';

/** The analyst's own data: drop or pick a file (or a shapefile set) to register it as a model. */
export function ModelsPanel() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [encoding, setEncoding] = useState<TextEncoding | ''>('');
  const { list: models, busy, error, open } = useStore((s) => s.models);
  const register = (files: FileList | File[]) => {
    if (files.length && !busy) void registerModelFiles([...files], encoding || undefined);
  };
  return (
    // a drop asks first when the files look like a 연속지적도; the file picker is an explicit choice
    <DropZone testId="models-panel" onFiles={(files) => !busy && void routeDrop(files, 'model', encoding || undefined)}>
      <h3>{t('models')}</h3>
      {models.length ? (
        <ul className="models">
          {models.map((m) => (
            <li key={m.name}>
              <button
                type="button"
                className={open === m.name ? 'link active' : 'link'}
                onClick={() => openModel(m.name)}
                data-testid={`model-${m.name}`}
              >
                {m.name}
              </button>
              <span className="muted small">
                {m.rows.toLocaleString()} {t('rows')}
                {m.report
                  ? ` · ${t('matched')} ${m.report.counts.matched.toLocaleString()}`
                  : m.columns.some((c) => c.type === 'geometry')
                    ? ` · ${t('ownShapes')}`
                    : ` · ${t('mappingPending')}`}
                {m.report && m.reportStale && <StaleReport model={m.name} />}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('modelsEmpty')}</p>
      )}
      <p className="muted small">{t('modelHint')}</p>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept=".csv,.tsv,.txt,.xlsx,.parquet,.geojson,.json,.zip,.shp,.shx,.dbf,.prj,.cpg"
        data-testid="model-input"
        onChange={(e) => e.target.files && register(e.target.files)}
      />
      <div className="actions">
        <button type="button" disabled={busy !== null} onClick={() => input.current?.click()}>
          {t('modelPick')}
        </button>
        <label className="small">
          {t('encoding')}{' '}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value as TextEncoding | '')} data-testid="model-encoding">
            <option value="">{t('encodingAuto')}</option>
            <option value="utf-8">UTF-8</option>
            <option value="cp949">CP949 (EUC-KR)</option>
          </select>
        </label>
      </div>
      {busy && (
        <p className="muted" data-testid="models-busy">
          {t(busy === 'uploading' ? 'uploading' : busy === 'registering' ? 'registering' : 'matching')}
        </p>
      )}
      {error && !open && (
        <p className="error" data-testid="models-error">
          {error}
        </p>
      )}
    </DropZone>
  );
}
