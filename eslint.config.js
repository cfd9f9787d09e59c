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
const testFiles = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/*.test-util.ts',
  '**/*.test-util.tsx',
  'test/**',
  'e2e/**',
  'bench/**',
];
// The one module per side that implements the typed IPC contract (shared/ipc); raw IPC elsewhere
// would bypass its validation and typing.
const typedIpcModules = ['electron/main/ipc.ts', 'electron/preload/index.ts'];
const untypedIpcMessage =
  'Untyped IPC: use the contract (shared/ipc) through electron/main/ipc.ts or the preload facade.';
const noUntypedIpcImport = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: untypedIpcMessage,
};

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
    ignores: [...testFiles, ...typedIpcModules],
    rules: { 'no-restricted-imports': ['error', { paths: [...noDgram, noUntypedIpcImport] }] },
  },
  {
    files: typedIpcModules,
    rules: { 'no-restricted-imports': ['error', { paths: noDgram }] },
  },
  {
    // ipcMain/ipcRenderer reached any other way, and webContents.send, outside the IPC modules.
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: [...testFiles, ...typedIpcModules, 'electron/main/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]',
          message: untypedIpcMessage,
        },
        {
          selector:
            "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']",
          message: untypedIpcMessage,
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/bridge/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'syncroscope',
          message: 'Only renderer/src/bridge talks to the host.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'syncroscope', message: 'Only renderer/src/bridge talks to the host.' },
      ],
    },
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
