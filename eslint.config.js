// Lint config: code quality plus the architecture's import boundaries (ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const noNode = [
  { group: ['node:*'], message: 'shared/ and renderer/ are platform-free: no node:* imports.' },
  ...nodeBuiltins.map((name) => ({ group: [name], message: 'No Node built-ins here.' })),
];
const noElectron = {
  name: 'electron',
  message: "Only electron/main and electron/preload may import 'electron'.",
};
const noDgram = [
  { name: 'node:dgram', message: 'Only electron/engine opens sockets.' },
  { name: 'dgram', message: 'Only electron/engine opens sockets.' },
];
const testFiles = ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**', 'bench/**'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noDgram, { name: 'react', message: 'shared/ has no UI.' }],
          patterns: noNode,
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [noElectron, ...noDgram], patterns: noNode }],
    },
  },
  {
    files: [
      'electron/**/*.ts',
      'bin/**',
      'scripts/**',
      'bench/**',
      'test/**',
      'e2e/**',
      '*.config.*',
    ],
    ignores: ['electron/main/**', 'electron/preload/**', 'electron/engine/**', ...testFiles],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, ...noDgram] }] },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { paths: noDgram }] },
  },
  {
    files: ['electron/engine/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: testFiles,
    ignores: ['shared/**', 'renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
);
