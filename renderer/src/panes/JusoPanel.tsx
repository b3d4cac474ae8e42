import { useEffect, useRef, useState } from 'react';
import type { JusoDbInfo } from '../../../shared/api/contract';
import type { ApiRequestError } from '../../../shared/api/client';
import { client } from '../hostConnection';
import { fill } from '../i18n';
import { requestReasonKey } from '../state/importReason';
import { useStore, useT } from '../state/store';

/**
 * The 도로명주소 DB road-name addresses resolve through: its vintage and counts (the bundled
 * sample's, marked, while the sample store is in use and none was imported), and importing one.
 */
export function JusoPanel() {
  const t = useT();
  // which DB is in use follows the store (the sample one stands in for the sample store only)
  const store = useStore((s) => s.app.store);
  const input = useRef<HTMLInputElement>(null);
  // undefined until the host answers (it builds the sample's index on first use): never a false 'none'
  const [info, setInfo] = useState<JusoDbInfo | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.jusoDb().then(setInfo, (e: Error) => setError(e.message));
  }, [store]);
  // the download as it is: the zip, or its files together (도로명주소 한글 or 주소DB)
  const upload = async (files: File[]) => {
    setBusy(true);
    setError(null);
    try {
      const { uploadId } = await client.createUpload();
      for (const file of files) await client.uploadFile(uploadId, file.name, file);
      setInfo(await client.importJusoDb(uploadId));
    } catch (e) {
      // the host's reason, worded in the UI's language; its English message when it named none
      const key = requestReasonKey(e);
      setError(key ? fill(t(key), (e as ApiRequestError).body.params ?? {}) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const date = (d: string) => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d);
  return (
    <div className="bjd" data-testid="juso-panel">
      <h3>{t('jusoDb')}</h3>
      {info !== undefined && (
        <p
          className="small"
          data-testid="juso-info"
          data-sample={info?.sample ? 'true' : undefined}
          title={info?.sample ? t('jusoSampleHint') : undefined}
        >
          {info
            ? [
                // the sample is always the 한글 family: its mark says more than the family would
                info.sample ? `${t('jusoSample')} · ${date(info.vintage)}` : `${t(`jusoFamily_${info.family}`)} ${date(info.vintage)}`,
                `${info.addresses.toLocaleString()} ${t('jusoAddresses')}`,
                `${info.related.toLocaleString()} ${t('jusoRelated')}`,
              ].join(' · ')
            : t('jusoNone')}
        </p>
      )}
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept=".zip,.txt"
        onChange={(e) => e.target.files?.length && void upload([...e.target.files])}
      />
      <button type="button" disabled={busy} onClick={() => input.current?.click()} title={t('jusoHint')}>
        {busy ? t('uploading') : t('jusoImport')}
      </button>
      {error && <p className="error small">{error}</p>}
    </div>
  );
}
