#!/usr/bin/env node
// The `syncroscope` command. It runs the CLI from its TypeScript source through tsx, which is
// installed with the project's dependencies (npm ci), so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
