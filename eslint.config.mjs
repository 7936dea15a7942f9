import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** the modules of lambdas/modules: each may reach another only through that one's contracts */
const MODULES = readdirSync(new URL('./lambdas/modules/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      '.local/**',
      'coverage/**',
      '*.js',
      '*.mjs',
      'console/dist/**',
      'console/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // `import { z }` hands esbuild zod's whole namespace object, every locale included (about 440 KiB
      // minified); the namespace import lets it keep only the schemas a bundle uses (about 90 KiB)
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value=/^zod/] > ImportSpecifier[imported.name='z']",
          message:
            "Import zod as a namespace (`import * as z from 'zod'`) so bundles keep only what they use.",
        },
      ],
    },
  },
  {
    // tests assert on JSON the API returns; typing every body would add nothing the assertions don't say
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['lambdas/**/*.ts', 'lib/**/*.ts', 'bin/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/local/**'] }] },
  },
  {
    // inner layers never import outer ones
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/adapters/**', '**/handlers/**', '**/local/**', '@aws-sdk/*', '@middy/*'] },
      ],
    },
  },
  {
    // lib/ builds the stack from data (route table, topology, contracts): never from a function's code
    files: ['lib/**/*.ts', 'bin/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/local/**'], message: 'nothing in production imports the local runtime' },
            {
              group: [
                '**/lambdas/handlers/**',
                '**/lambdas/**/handlers/**',
                '**/lambdas/**/wiring/**',
                '**/wiring',
              ],
              message: 'lib/ reads data (lambdas/app, platform/contracts), never the handler layer',
            },
          ],
        },
      ],
    },
  },
  // a module reaches another only through its public contracts (lambdas/modules/<name>/contracts)
  ...MODULES.map((name) => ({
    files: [`lambdas/modules/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/local/**'], message: 'nothing in production imports the local runtime' },
            {
              regex: `^(\\.\\./)+(modules/)?(${MODULES.filter((m) => m !== name).join('|')})/(?!contracts(/|$))`,
              message: `the ${name} module may import another module only through its contracts`,
            },
          ],
        },
      ],
    },
  })),
);
