import { useEffect, useRef, useState } from 'react';
import type { JusoDbInfo } from '../../../shared/api/contract';
import type { ApiRequestError } from '../../../shared/api/client';
import { client } from '../hostConnection';
import { fill } from '../i18n';
import { requestReasonKey } from '../state/importReason';
import { useT } from '../state/appStore';

/** The 도로명주소 DB road-name addresses resolve through: its vintage and counts, and importing one. */
export function JusoPanel() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [info, setInfo] = useState<JusoDbInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.jusoDb().then(setInfo, (e: Error) => setError(e.message));
  }, []);
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
      <p className="small" data-testid="juso-info">
        {info
          ? `${t(`jusoFamily_${info.family}`)} ${date(info.vintage)} · ${info.addresses.toLocaleString()} ${t('jusoAddresses')}`
          : t('jusoNone')}
      </p>
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
