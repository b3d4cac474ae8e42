#!/usr/bin/env node
// Runs the CLI from its Node bundle when that is current, which starts in a fraction of the time;
// otherwise from the TypeScript sources through tsx's loader, so `npx pilji` works right after
// `npm install` and never runs code older than the sources.
import { createRequire } from 'node:module';
import { bundle, bundleIsCurrent, root } from './cliBundle.mjs';

if (bundleIsCurrent()) {
  // the bundle has no import.meta to find the application folder from
  process.env.PILJI_ROOT ??= root;
  createRequire(import.meta.url)(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/pilji.ts');
}
