import { app, BrowserWindow, dialog, session, utilityProcess } from 'electron';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { denyPermissions, hardenContents, HOST_ARG, TOKEN_ARG, windowOptions } from './windowConfig';

// Thin by design: start the host in a utility process, open one hardened window on it.
const token = randomBytes(24).toString('base64url');

function startHost(): Promise<string> {
  const host = utilityProcess.fork(path.join(__dirname, 'desktopHost.cjs'), [], {
    env: { ...process.env, PILJI_ROOT: app.getAppPath(), PILJI_TOKEN: token, PILJI_WORKSPACE: app.getPath('userData') },
    stdio: 'inherit',
    serviceName: 'Pilji host',
  });
  return new Promise((resolve, reject) => {
    host.on('message', (m: { type: string; url?: string; message?: string }) => {
      if (m.type === 'ready' && m.url) resolve(m.url);
      else if (m.type === 'error') reject(new Error(m.message));
    });
    host.on('exit', (code) => reject(new Error(`the Pilji host stopped (exit code ${code})`)));
  });
}

async function openWindow(hostUrl: string) {
  denyPermissions(session.defaultSession);
  const win = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs'), [`${HOST_ARG}${hostUrl}`, `${TOKEN_ARG}${token}`]));
  hardenContents(win.webContents, new URL(hostUrl).origin);
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

app.on('window-all-closed', () => app.quit());
