/**
 * The finer causes the host gives for a failed store import (`JobInfo.errorReason`, `ApiError.reason`
 * of an upload): the UI words each in its own language (renderer/src/i18n.ts, key
 * `importReason_<code>`); the host's English message stays for logs, the CLI and the details.
 * The host's error classes take their codes from this list, so it cannot send one the UI lacks.
 */
export const IMPORT_FAILURE_REASONS = [
  // the archive (electron/zip/zipArchive.ts)
  'zip_unreadable',
  'zip_too_large',
  'zip_ratio',
  'zip_too_many_entries',
  'zip_unsafe_path',
  'zip_encrypted',
  'zip_too_deep',
  // what was given (electron/store/import/shapefileInputs.ts)
  'input_missing',
  'input_no_shapefiles',
  'input_not_shapefile',
  'input_incomplete_set',
  // the files themselves (electron/store/import/importer.ts, cadastralSchema.ts)
  'not_cadastral_layout',
  'no_prj',
  'prj_unsupported',
  'no_parcels',
  // the store (electron/store/import/importer.ts, storeLock.ts)
  'store_locked',
  'store_read_only',
  'store_disk_full',
  'store_not_writable',
  // the 도로명주소 DB (electron/juso/jusoSources.ts, jusoImport.ts)
  'juso_unrecognised',
  'juso_incomplete',
  'juso_mixed_families',
  'juso_family_mismatch',
  'juso_no_index',
  // a bad row, by file and line: a field that breaks its layout, a line of the wrong column count, text that is not cp949
  'juso_bad_digits',
  'juso_bad_number',
  'juso_bad_flag',
  'juso_bad_columns',
  'juso_bad_encoding',
  'juso_empty',
] as const;

export type ImportFailureReason = (typeof IMPORT_FAILURE_REASONS)[number];
