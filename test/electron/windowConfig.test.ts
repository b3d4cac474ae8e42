import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../electron/host/app';
import { denyPermissions, hardenContents, HOST_ARG, windowOptions } from '../../electron/windowConfig';

/**
 * Electron's security checklist, read from the main-process module that main.ts uses. The handlers
 * are registered on recording stand-ins for WebContents/Session (no Electron binary here) and
 * then called the way Electron calls them.
 */
describe('desktop window hardening', () => {
  const prefs = windowOptions('/app/preload.cjs', [`${HOST_ARG}http://127.0.0.1:1`]).webPreferences!;
  it('isolates and sandboxes the renderer', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('passes the host to the preload only as arguments', () => {
    expect(prefs.preload).toBe('/app/preload.cjs');
    expect(prefs.additionalArguments).toEqual([`${HOST_ARG}http://127.0.0.1:1`]);
  });

  const origin = 'http://127.0.0.1:8470';
  const contents = () => {
    const handlers = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const fake = {
      on: (name: string, h: (event: { preventDefault(): void }, url?: string) => void) => handlers.set(name, h),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (openHandler = h),
    };
    hardenContents(fake as unknown as WebContents, origin);
    const prevented = (name: string, url?: string) => {
      let p = false;
      handlers.get(name)!({ preventDefault: () => (p = true) }, url);
      return p;
    };
    return { prevented, open: (url: string) => openHandler!({ url }).action };
  };

  it('keeps navigation and redirects on the host origin', () => {
    const c = contents();
    expect(c.prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(c.prevented('will-navigate', 'http://127.0.0.1:9999/')).toBe(true); // another port is another origin
    expect(c.prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.prevented('will-navigate', `${origin}/?token=x`)).toBe(false);
    expect(c.prevented('will-redirect', 'https://example.com/')).toBe(true);
    expect(c.prevented('will-attach-webview')).toBe(true);
  });

  it('opens no new windows', () => {
    const c = contents();
    expect(c.open('https://example.com/')).toBe('deny');
    expect(c.open(`${origin}/`)).toBe('deny');
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    let check: ((...a: unknown[]) => boolean) | null = null;
    denyPermissions({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      request!(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(check!(null, permission, origin)).toBe(false);
    }
  });

  it('serves the page with a CSP that allows no eval and nothing off the host', () => {
    expect(CSP).not.toMatch(/unsafe-eval/);
    expect(CSP).toMatch(/default-src 'self'/);
    expect(CSP).toMatch(/script-src 'self'(;|$)/);
    expect(CSP).toMatch(/connect-src 'self'/);
    expect(CSP).toMatch(/object-src 'none'/);
  });

  it('main.ts builds its window from these settings and applies both handlers', () => {
    const main = readFileSync(path.resolve(import.meta.dirname, '../../electron/main.ts'), 'utf8');
    expect(main).toMatch(/new BrowserWindow\(windowOptions\(/);
    expect(main).toMatch(/hardenContents\(win\.webContents,/);
    expect(main).toMatch(/denyPermissions\(session\.defaultSession\)/);
    expect(main).not.toMatch(/nodeIntegration|contextIsolation|webSecurity/); // no overrides beside windowOptions
  });
});
