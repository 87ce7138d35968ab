import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/** Packages that tie code to a framework, a database or a transport. */
const frameworkImports = [
  '@nestjs/*',
  '@mikro-orm/*',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'express',
  'fastify',
  '@fastify/*',
  'pg',
  'pg-boss',
  'better-sqlite3',
  'knex',
  'rxjs',
];

/**
 * Which projects each kind of project may import. Spec files of a lib or an app may also use the
 * in-memory fakes and shared test suites of `type:testing`; its shipped code may not.
 */
function depConstraints(extraForSpecs = []) {
  const withSpecs = (tags) => [...tags, ...extraForSpecs];
  return [
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: withSpecs(['type:domain']),
      bannedExternalImports: frameworkImports,
    },
    {
      sourceTag: 'type:application',
      onlyDependOnLibsWithTags: withSpecs(['type:domain', 'type:application']),
      bannedExternalImports: frameworkImports,
    },
    {
      // Shared by every dialect: framework-free, like the application it serves.
      sourceTag: 'type:kit',
      onlyDependOnLibsWithTags: withSpecs(['type:domain', 'type:application']),
      bannedExternalImports: frameworkImports,
    },
    {
      sourceTag: 'type:adapter',
      onlyDependOnLibsWithTags: withSpecs(['type:domain', 'type:application', 'type:kit']),
      bannedExternalImports: ['@nestjs/*'],
    },
    {
      sourceTag: 'adapter:vendor',
      onlyDependOnLibsWithTags: withSpecs(['type:domain', 'type:application', 'type:kit']),
      bannedExternalImports: ['@mikro-orm/*', 'knex', 'pg', 'better-sqlite3', 'pg-boss'],
    },
    {
      // The pg-boss delivery: talks to pg-boss only; job rows belong to the persistence adapter.
      sourceTag: 'adapter:queue',
      onlyDependOnLibsWithTags: withSpecs(['type:domain', 'type:application']),
      bannedExternalImports: ['@mikro-orm/*', 'knex', 'better-sqlite3'],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:testing'],
      bannedExternalImports: ['@nestjs/*', '@mikro-orm/*'],
    },
    {
      // What the end-to-end, browser and reliability suites and the benchmarks share: node
      // built-ins and a PostgreSQL client; it starts the built API as a process, imports none of it.
      sourceTag: 'type:test-support',
      onlyDependOnLibsWithTags: [],
      bannedExternalImports: ['@nestjs/*', '@mikro-orm/*', 'knex', 'better-sqlite3', 'pg-boss'],
    },
    {
      // Its specs may run the ports' contract suites on the adapters it holds (the secret cipher).
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: withSpecs(['type:domain', 'type:application', 'type:kit', 'type:adapter']),
    },
    {
      // Besides the test support, what a channel's subscriber uses too (the webhook verifier):
      // the suites check Tally's deliveries as a subscriber would.
      sourceTag: 'type:e2e',
      onlyDependOnLibsWithTags: ['type:test-support', 'use:subscriber'],
    },
    {
      sourceTag: 'type:tool',
      onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:kit', 'type:adapter', 'type:testing', 'type:test-support'],
    },
    {
      sourceTag: 'platform:web',
      onlyDependOnLibsWithTags: ['platform:web'],
    },
  ];
}

/** The module-boundary rule with the given constraints. */
const boundaries = (constraints) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: constraints }];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'tmp', 'data'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    rules: { '@nx/enforce-module-boundaries': boundaries(depConstraints()) },
  },
  {
    // Specs (and their helpers) may use the in-memory fakes and the throw-away databases.
    files: ['**/*.spec.ts', '**/*.spec-helper.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(depConstraints(['type:testing', 'type:test-support'])) },
  },
  {
    // Workspace config files import the shared presets by path; they are not code of a project.
    files: ['**/eslint.config.mjs', '**/jest.config.js', '**/jest.config.ts', '**/jest.preset.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layout is Prettier's (`npm run format`); lint only checks it (`prettier --check`), so no rule may fight it.
  prettier,
];
