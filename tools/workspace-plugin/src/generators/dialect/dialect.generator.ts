import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { formatFiles, generateFiles, logger, names, type GeneratorCallback, type Tree } from '@nx/devkit';
import type { DialectGeneratorSchema } from './dialect.schema';
import { assertDialectNameFree } from './dialect-name.validator';
import { addInstalledDialect } from './installed-dialects.editor';

/** The one file outside the new dialect's own folders that names it. */
export const INSTALLED_DIALECTS_PATH = 'apps/api/src/dialects/installed-dialects.list.ts';

/**
 * `nx g @tally/workspace-plugin:dialect <name>`: a working dialect with one route
 * (`POST /<name>/stock`), as a lib (`libs/vendor-<name>`), its Nest module
 * (`apps/api/src/vendors/<name>`), an e2e spec, and its line in `INSTALLED_DIALECTS`. Existing
 * files it changes: that list and, through the install it runs, `package-lock.json`.
 */
export async function dialectGenerator(tree: Tree, options: DialectGeneratorSchema): Promise<GeneratorCallback> {
  const name = options.name?.trim() ?? '';
  assertDialectNameFree(tree, name, INSTALLED_DIALECTS_PATH);
  if (!tree.exists(INSTALLED_DIALECTS_PATH)) throw new Error(`${INSTALLED_DIALECTS_PATH} is missing: is this the Tally workspace?`);
  const n = names(name);
  const substitutions = {
    ...n,
    name,
    title: options.title?.trim() || n.className.replace(/([a-z0-9])([A-Z])/g, '$1 $2'),
    envName: n.constantName,
    tmpl: '',
  };
  generateFiles(tree, join(__dirname, 'files', 'lib'), `libs/vendor-${name}`, substitutions);
  generateFiles(tree, join(__dirname, 'files', 'api'), `apps/api/src/vendors/${name}`, substitutions);
  generateFiles(tree, join(__dirname, 'files', 'e2e'), 'apps/api-e2e/src/vendors', substitutions);
  const list = tree.read(INSTALLED_DIALECTS_PATH, 'utf-8') as string;
  tree.write(
    INSTALLED_DIALECTS_PATH,
    addInstalledDialect(list, {
      libImport: `@tally/vendor-${name}`,
      descriptor: `${n.propertyName}Dialect`,
      moduleImport: `../vendors/${name}/${name}.module`,
      module: `${n.className}Module`,
    }),
  );
  // The workspace's Prettier settings, so the new files pass the format check in lint as generated.
  await formatFiles(tree);
  return () => {
    if (options.skipInstall) {
      logger.info(`Next: npm install --ignore-scripts (links @tally/vendor-${name}), then fill in libs/vendor-${name}/README.md.`);
      return;
    }
    // npm links the new workspace (node_modules/@tally/vendor-<name>) and records it in package-lock.json.
    execSync('npm install --ignore-scripts --no-audit --no-fund', { cwd: tree.root, stdio: 'inherit' });
    logger.info(`Next: fill in libs/vendor-${name}/README.md and the parser, then: npx nx run-many -t build,lint,test -p vendor-${name} api`);
  };
}

export default dialectGenerator;
