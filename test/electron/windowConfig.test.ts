import { describe, expect, it } from 'vitest';
import { HOST_ARG, windowOptions } from '../../electron/windowConfig';

describe('desktop window hardening', () => {
  const prefs = windowOptions('/app/preload.cjs', [`${HOST_ARG}http://127.0.0.1:1`]).webPreferences!;
  it('isolates and sandboxes the renderer', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
  it('passes the host to the preload only as arguments', () => {
    expect(prefs.preload).toBe('/app/preload.cjs');
    expect(prefs.additionalArguments).toEqual([`${HOST_ARG}http://127.0.0.1:1`]);
  });
});
