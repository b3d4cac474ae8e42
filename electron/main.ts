import { app, BrowserWindow, dialog, ipcMain, session, utilityProcess } from 'electron';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { denyPermissions, hardenContents, HOST_ARG, PICK_BASEMAP_FILE, TOKEN_ARG, windowOptions } from './windowConfig';

// Thin by design: start the host in a utility process, open one hardened window on it.
const token = randomBytes(24).toString('base64url');
/** A crashed host is restarted on the same port and token, so the open page reconnects to it. */
const MAX_RESTARTS = 5;
let port = 0;
let restarts = 0;
let quitting = false;

function startHost(): Promise<string> {
  const host = utilityProcess.fork(path.join(__dirname, 'desktopHost.cjs'), [], {
    env: {
      ...process.env,
      PILJI_ROOT: app.getAppPath(),
      PILJI_TOKEN: token,
      PILJI_PORT: String(port),
      PILJI_WORKSPACE: app.getPath('userData'),
    },
    stdio: 'inherit',
    serviceName: 'Pilji host',
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    host.on('message', (m: { type: string; url?: string; message?: string }) => {
      if (m.type === 'ready' && m.url) {
        ready = true;
        port = Number(new URL(m.url).port);
        resolve(m.url);
      } else if (m.type === 'error') reject(new Error(m.message));
    });
    host.on('exit', (code) => {
      if (!ready) reject(new Error(`the Pilji host stopped (exit code ${code})`));
      else if (!quitting && restarts++ < MAX_RESTARTS) void startHost().catch((e: Error) => dialog.showErrorBox('Pilji', e.message));
    });
  });
}

async function openWindow(hostUrl: string) {
  denyPermissions(session.defaultSession);
  const win = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs'), [`${HOST_ARG}${hostUrl}`, `${TOKEN_ARG}${token}`]));
  hardenContents(win.webContents, new URL(hostUrl).origin);
  // The file's path goes to the host through the basemap setting, which opens and checks it.
  ipcMain.handle(PICK_BASEMAP_FILE, async (event) => {
    if (event.sender !== win.webContents) return null;
    const r = await dialog.showOpenDialog(win, {
      properties: ['openFile'],
      filters: [{ name: 'PMTiles, MBTiles', extensions: ['pmtiles', 'mbtiles'] }],
    });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${hostUrl}/?token=${encodeURIComponent(token)}`);
}

app.whenReady().then(async () => {
  try {
    await openWindow(await startHost());
  } catch (e) {
    dialog.showErrorBox('Pilji', `필지를 시작하지 못했습니다 / Pilji could not start:\n${(e as Error).message}`);
    app.quit();
  }
});

app.on('before-quit', () => {
  quitting = true;
});
app.on('window-all-closed', () => app.quit());
