import { useEffect, useRef, useState } from 'react';
import type { BjdTableInfo } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { useT } from '../state/store';

/** Which 법정동 code table matching uses, and taking a newer official one (법정동코드 전체자료). */
export function BjdPanel() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [info, setInfo] = useState<BjdTableInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.bjdTable().then(setInfo, (e: Error) => setError(e.message));
  }, []);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const { uploadId } = await client.createUpload();
      await client.uploadFile(uploadId, file.name, file);
      setInfo(await client.importBjdTable(uploadId));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="bjd" data-testid="bjd-panel">
      <h3>{t('bjdTable')}</h3>
      {info && (
        <p className="small" data-testid="bjd-info" data-source={info.source}>
          {t(info.source === 'shipped' ? 'bjdShipped' : 'bjdImported')} · {info.active.toLocaleString()} {t('bjdActive')}
        </p>
      )}
      <input
        ref={input}
        type="file"
        hidden
        accept=".txt,.tsv,.csv"
        onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
      />
      <button type="button" disabled={busy} onClick={() => input.current?.click()} title={t('bjdHint')}>
        {busy ? t('uploading') : t('bjdImport')}
      </button>
      {error && <p className="error small">{error}</p>}
    </div>
  );
}
