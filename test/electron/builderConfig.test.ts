import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = loadYaml(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own JSON schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('is not vacuous: the schema rejects an unknown option', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ ...config, notAnOption: true })).toBe(false);
  });

  it('targets Windows nsis, Linux AppImage and deb, macOS dmg, with DuckDB unpacked from asar', () => {
    const targets = (x: unknown) =>
      (x as { target: unknown[] }).target.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
    expect(targets(config.win)).toEqual(['nsis']);
    expect(targets(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac)).toEqual(['dmg']);
    expect(config.asarUnpack).toContain('node_modules/@duckdb/**');
  });
});
