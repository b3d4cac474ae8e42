#!/usr/bin/env node
// Runs the CLI from the TypeScript sources through tsx's loader, so `npx pilji` works right after
// `npm install` without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/pilji.ts');
