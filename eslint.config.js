import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Imports point down: contracts ← pure packages ← db, queue ← core ← api ← apps.
// Each entry lists what a layer must not import.
const LAYERS = [
  { files: ['packages/contracts/**'], deny: ['@kubetrail/*'] },
  {
    files: [
      'packages/policy/**',
      'packages/enrich/**',
      'packages/query/src/**',
      'packages/billing/**',
      'packages/install/**',
      'packages/alerts/**',
      'packages/detections/**',
    ],
    deny: [
      '@kubetrail/db*',
      '@kubetrail/queue',
      '@kubetrail/core',
      '@kubetrail/ingest',
      '@kubetrail/worker',
      '@kubetrail/cli',
      '@kubetrail/agent',
    ],
  },
  {
    files: ['packages/db/**', 'packages/queue/**', 'packages/geoip/**', 'packages/notify/**'],
    deny: ['@kubetrail/core', '@kubetrail/ingest', '@kubetrail/worker', '@kubetrail/cli', '@kubetrail/agent'],
  },
  {
    files: ['packages/core/**'],
    deny: ['@kubetrail/api', '@kubetrail/ingest', '@kubetrail/worker', '@kubetrail/cli', '@kubetrail/agent', '@kubetrail/web'],
  },
  { files: ['packages/api/**'], deny: ['@kubetrail/ingest', '@kubetrail/worker', '@kubetrail/cli', '@kubetrail/agent', '@kubetrail/web'] },
  // The agent ships alone: contracts and policy only.
  {
    files: ['apps/agent/**'],
    deny: [
      '@kubetrail/db*',
      '@kubetrail/queue',
      '@kubetrail/core',
      '@kubetrail/enrich',
      '@kubetrail/ingest',
      '@kubetrail/worker',
      '@kubetrail/cli',
    ],
  },
  {
    files: ['apps/demo-fleet/**'],
    deny: ['@kubetrail/db*', '@kubetrail/queue', '@kubetrail/core', '@kubetrail/ingest', '@kubetrail/worker', '@kubetrail/cli'],
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.next/**', '**/dist/**', 'packages/db/src/generated/**', '**/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Headers: 'readonly',
        Request: 'readonly',
        Response: 'readonly',
        NodeJS: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // One module per app reads the environment.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: "read configuration in the app's env module only" },
      ],
    },
  },
  ...LAYERS.map(({ files, deny }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: deny, message: 'imports point down the layers (docs/ARCHITECTURE.md)' }] }],
    },
  })),
  {
    files: [
      '**/env.ts',
      '**/config/env.ts',
      '**/config/args.ts',
      'packages/db/src/testing/test-env.ts',
      'scripts/**',
      'bench/**',
      'tests/**',
      '**/test/**',
      'prisma.config.ts',
      'apps/web/playwright.config.ts',
      'apps/web/e2e/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
