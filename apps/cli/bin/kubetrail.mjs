#!/usr/bin/env node
// Internal packages ship TypeScript source; tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
