import { useEffect, useState } from 'react';
import { mappingColumns, PART_ROLES, type AddressMapping, type PartRole } from '../../../shared/address/addressMapping';
import type { ModelInfo } from '../../../shared/api/contract';
import { fill } from '../i18n';
import { changeSheet, confirmMapping, openModel, removeModel, showModel, showParcels } from '../state/modelsRunner';
import { MatchReportView } from './MatchReportView';
import { StaleReport } from './StaleReport';
import { useStore, useT } from '../state/store';

type Kind = AddressMapping['kind'];
type Draft = { kind: Kind; address: string; pnu: string } & Partial<Record<PartRole, string>>;

const REQUIRED: readonly PartRole[] = ['emd', 'bonbun'];

/** A model's columns and first rows, its address mapping to confirm or change, and its match report. */
export function ModelDialog() {
  const t = useT();
  const { list: models, open, busy, error } = useStore((s) => s.models);
  const info = models.find((m) => m.name === open);
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => setDraft(info ? draftOf(info) : null), [info]);
  if (!info || !draft) return null;
  const names = info.columns.map((c) => c.name);
  const mapping = mappingOf(draft);
  const columnSelect = (value: string | undefined, onChange: (v: string) => void, optional: boolean, testId: string) => (
    <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      {(optional || !value) && (
        <option value="" disabled={!optional}>
          {optional ? t('none') : t('choose')}
        </option>
      )}
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
  return (
    <div className="dialog-backdrop" onClick={() => openModel(null)}>
      <div className="dialog" role="dialog" aria-label={info.name} data-testid="model-dialog" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>{info.name}</h2>
          <span className="muted small">
            {info.source.fileName} · {info.rows.toLocaleString()} {t('rows')}
            {info.source.encoding ? ` · ${info.source.encoding}` : ''}
          </span>
          <button
            type="button"
            onClick={() => {
              if (window.confirm(fill(t('confirmRemoveModel'), { name: info.name }))) void removeModel(info.name);
            }}
            data-testid="model-remove"
          >
            {t('remove')}
          </button>
          <button type="button" onClick={() => openModel(null)} aria-label={t('close')} data-testid="model-close">
            ✕
          </button>
        </header>
        {info.source.sheets && info.source.sheets.length > 1 && (
          <label className="actions small">
            {t('sheet')}
            <select
              value={info.source.sheet ?? ''}
              disabled={busy !== null}
              onChange={(e) => void changeSheet(info.name, e.target.value)}
              data-testid="model-sheet"
            >
              {info.source.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="samples">
          <table>
            <thead>
              <tr>
                {info.columns.map((c) => (
                  <th key={c.name} title={t(`type_${c.type}`)}>
                    {c.name}
                    <small> {t(`type_${c.type}`)}</small>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {info.samples.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j}>{v ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <fieldset className="mapping" data-testid="mapping">
          <legend>
            {t('addressMapping')}
            {!info.mapping && info.suggestedMapping && <span className="muted small"> · {t('mappingGuessed')}</span>}
          </legend>
          {(['address', 'parts', 'pnu'] as const).map((k) => (
            <label key={k} className="kind">
              <input
                type="radio"
                name="kind"
                checked={draft.kind === k}
                onChange={() => setDraft({ ...draft, kind: k })}
                data-testid={`kind-${k}`}
              />
              {t(`mapping_${k}`)}
            </label>
          ))}
          <div className="mapping-columns">
            {draft.kind === 'address' && (
              <label>
                {t('addressColumn')} {columnSelect(draft.address, (v) => setDraft({ ...draft, address: v }), false, 'map-address')}
              </label>
            )}
            {draft.kind === 'pnu' && <label>PNU {columnSelect(draft.pnu, (v) => setDraft({ ...draft, pnu: v }), false, 'map-pnu')}</label>}
            {draft.kind === 'parts' &&
              PART_ROLES.map((r) => (
                <label key={r}>
                  {t(`part_${r}`)}{' '}
                  {columnSelect(draft[r], (v) => setDraft({ ...draft, [r]: v || undefined }), !REQUIRED.includes(r), `map-${r}`)}
                </label>
              ))}
          </div>
          <button
            type="button"
            className="primary"
            disabled={!mapping || busy !== null}
            onClick={() => mapping && void confirmMapping(info.name, mapping)}
            data-testid="confirm-mapping"
          >
            {busy === 'matching' ? t('matching') : t('confirmMapping')}
          </button>
        </fieldset>
        {info.warnings.length > 0 && (
          <ul className="warnings small" data-testid="model-warnings">
            {info.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        {info.columns.some((c) => c.type === 'geometry') && (
          <div className="actions">
            <button type="button" onClick={() => void showModel(info)} data-testid="show-model">
              {t('showModel')}
            </button>
          </div>
        )}
        {error && (
          <p className="error" data-testid="model-error">
            {error}
          </p>
        )}
        {info.report && info.mapping && (
          <section>
            <h3>
              {t('matchReport')}
              {info.reportStale && <StaleReport model={info.name} testId="model-dialog-stale" />}
            </h3>
            <MatchReportView report={info.report} columns={mappingColumns(info.mapping)} model={info.name} />
            <div className="actions">
              <button type="button" className="primary" onClick={() => void showParcels(info)} data-testid="show-parcels">
                {t('showParcels')}
              </button>
              <button type="button" onClick={() => void showParcels(info, 'all')}>
                {t('showAllRows')}
              </button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}

function draftOf(info: ModelInfo): Draft {
  const m = info.mapping ?? info.suggestedMapping;
  const first = info.columns.find((c) => c.type === 'string')?.name ?? info.columns[0]?.name ?? '';
  const draft: Draft = { kind: m?.kind ?? 'address', address: first, pnu: first };
  if (m?.kind === 'address') draft.address = m.address;
  if (m?.kind === 'pnu') draft.pnu = m.pnu;
  if (m?.kind === 'parts') for (const r of PART_ROLES) draft[r] = m[r];
  return draft;
}

function mappingOf(d: Draft): AddressMapping | null {
  if (d.kind === 'address') return d.address ? { kind: 'address', address: d.address } : null;
  if (d.kind === 'pnu') return d.pnu ? { kind: 'pnu', pnu: d.pnu } : null;
  if (!d.emd || !d.bonbun) return null;
  const m = { kind: 'parts', emd: d.emd, bonbun: d.bonbun } as Extract<AddressMapping, { kind: 'parts' }>;
  for (const r of PART_ROLES) if (d[r]) m[r] = d[r];
  return m;
}
