import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** the modules of lambdas/modules: each may reach another only through that one's contracts */
const MODULES = readdirSync(new URL('./lambdas/modules/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

// `import { z }` hands esbuild zod's whole namespace object, every locale included (about 440 KiB
// minified); the namespace import lets it keep only the schemas a bundle uses
const ZOD_NAMESPACE = {
  selector: "ImportDeclaration[source.value=/(^|\\/)zod(\\/|$)/] > ImportSpecifier[imported.name='z']",
  message: "Import zod as a namespace (`import * as z from 'zod/mini'`) so bundles keep only what they use.",
};

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
      'no-restricted-syntax': ['error', ZOD_NAMESPACE],
    },
  },
  {
    // Lambda code takes zod from platform/contracts/zod.ts: zod/mini (classic zod hangs every method on every
    // schema, so a bundle that touches it keeps all of it, about 95 KiB minified, against about 25) with
    // zod's English messages, which mini does not set by itself
    files: ['lambdas/**/*.ts'],
    ignores: ['lambdas/platform/contracts/zod.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ZOD_NAMESPACE,
        {
          selector: 'ImportDeclaration[source.value=/^zod(\\/|$)/]',
          message:
            "Lambda code imports zod from lambdas/platform/contracts/zod.ts (zod/mini with English messages), not from 'zod' itself.",
        },
        {
          // types (`z.core.$ZodIssue`) are free; a value reached through zod's nested namespaces is not
          selector: "MemberExpression[object.name='z'][property.name=/^(core|locales|util|regexes)$/]",
          message:
            "A value from zod's nested namespaces (z.core, z.locales, …) makes the bundle keep all of them (about 400 KiB): export it by name from lambdas/platform/contracts/zod.ts.",
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
