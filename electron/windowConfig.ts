import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/**
 * The desktop window's security settings, kept apart from main.ts so a test can read them
 * without the Electron binary (Electron security checklist).
 */
export function windowOptions(preloadPath: string, hostArgs: string[]): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    title: '필지 Pilji',
    show: false,
    webPreferences: {
      preload: preloadPath,
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
      spellcheck: false,
      additionalArguments: hostArgs,
    },
  };
}

/** Stays on the host's origin: no navigation away, no new windows, no permission grants. */
export function hardenContents(contents: WebContents, hostOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== hostOrigin) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (new URL(url).origin !== hostOrigin) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Arguments preload.ts reads to find the host (sandboxed preloads get process.argv only). */
export const HOST_ARG = '--pilji-host=';
export const TOKEN_ARG = '--pilji-token=';

/** The one message the page may send the main process: open a basemap tile file (main.ts answers with its path). */
export const PICK_BASEMAP_FILE = 'pilji:pick-basemap-file';
