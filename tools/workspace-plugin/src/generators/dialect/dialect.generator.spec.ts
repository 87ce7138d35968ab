import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { dialectGenerator, INSTALLED_DIALECTS_PATH } from './dialect.generator';

/** The list as it is shaped in the workspace, with two dialects. */
const LIST = `import type { DynamicModule, Type } from '@nestjs/common';
import type { DialectDescriptor } from '@tally/vendor-kit';
import { comestriDialect } from '@tally/vendor-comestri';
import { cruxDialect } from '@tally/vendor-crux';
import { ComestriModule } from '../vendors/comestri/comestri.module';
import { CruxModule } from '../vendors/crux/crux.module';
import { canonicalDialect } from './canonical.dialect';

export const INSTALLED_DIALECTS: readonly InstalledDialect[] = [
  { descriptor: canonicalDialect },
  { descriptor: comestriDialect, module: ComestriModule },
  { descriptor: cruxDialect, module: CruxModule },
];
`;

/** Every file of the tree with its content, to tell what a run changed. */
const contents = (tree: Tree) => new Map(tree.listChanges().map((change) => [change.path, change.content?.toString() ?? '']));

describe('dialect generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write(INSTALLED_DIALECTS_PATH, LIST);
    tree.write('libs/vendor-crux/package.json', '{"name": "@tally/vendor-crux"}');
  });

  it('creates the lib, the Nest module and the e2e spec of a working dialect', async () => {
    await dialectGenerator(tree, { name: 'acme-co', skipInstall: true });
    const lib = 'libs/vendor-acme-co';
    for (const file of ['package.json', 'project.json', 'tsconfig.lib.json', 'tsconfig.spec.json', 'jest.config.js', 'eslint.config.mjs', 'README.md']) {
      expect(tree.exists(`${lib}/${file}`)).toBe(true);
    }
    for (const file of [
      'acme-co.dialect.ts',
      'acme-co.dialect.spec.ts',
      'acme-co-stock.parser.ts',
      'acme-co-stock.mapper.ts',
      'acme-co-answer.renderer.ts',
      'acme-co-stock.handler.ts',
      'acme-co-stock.handler.spec.ts',
      'index.ts',
    ]) {
      expect(tree.exists(`${lib}/src/${file}`)).toBe(true);
    }
    expect(JSON.parse(tree.read(`${lib}/package.json`, 'utf-8') as string)).toMatchObject({ name: '@tally/vendor-acme-co' });
    expect(JSON.parse(tree.read(`${lib}/project.json`, 'utf-8') as string)).toMatchObject({ name: 'vendor-acme-co', tags: ['type:adapter', 'adapter:vendor'] });
    const dialect = tree.read(`${lib}/src/acme-co.dialect.ts`, 'utf-8') as string;
    expect(dialect).toContain('export const acmeCoDialect: DialectDescriptor');
    expect(dialect).toContain("title: 'Acme Co'");
    expect(tree.read(`${lib}/src/acme-co-stock.handler.ts`, 'utf-8')).toContain("export const ACME_CO_DIALECT = 'acme-co';");
    expect(tree.read('apps/api/src/vendors/acme-co/acme-co.module.ts', 'utf-8')).toContain('export class AcmeCoModule {}');
    expect(tree.read('apps/api/src/vendors/acme-co/acme-co-stock.http.controller.ts', 'utf-8')).toContain("@Controller('acme-co')");
    expect(tree.read('apps/api-e2e/src/vendors/acme-co.e2e.spec.ts', 'utf-8')).toContain("const STOCK = '/acme-co/stock';");
    const leftovers = tree.listChanges().filter((change) => /__|<%|%>/.test(change.path) || /<%|%>/.test(change.content?.toString() ?? ''));
    expect(leftovers.map((change) => change.path)).toEqual([]);
  });

  it('adds the imports in order and the entry at the end of INSTALLED_DIALECTS, changing no other existing file', async () => {
    const before = contents(tree);
    await dialectGenerator(tree, { name: 'acme', skipInstall: true });
    const lines = (tree.read(INSTALLED_DIALECTS_PATH, 'utf-8') as string).split('\n');
    expect(lines.slice(2, 8)).toEqual([
      "import { acmeDialect } from '@tally/vendor-acme';",
      "import { comestriDialect } from '@tally/vendor-comestri';",
      "import { cruxDialect } from '@tally/vendor-crux';",
      "import { AcmeModule } from '../vendors/acme/acme.module';",
      "import { ComestriModule } from '../vendors/comestri/comestri.module';",
      "import { CruxModule } from '../vendors/crux/crux.module';",
    ]);
    expect(lines.slice(-4)).toEqual(['  { descriptor: cruxDialect, module: CruxModule },', '  { descriptor: acmeDialect, module: AcmeModule },', '];', '']);
    const after = contents(tree);
    expect([...before.keys()].filter((path) => after.get(path) !== before.get(path))).toEqual([INSTALLED_DIALECTS_PATH]);
  });

  it.each([
    ['Acme', /not valid: use lowercase letters/],
    ['9lives', /not valid/],
    ['acme--co', /not valid/],
    ['acme_co', /not valid/],
    ['canonical', /reserved/],
    ['crux', /taken: libs\/vendor-crux exists/],
  ])('refuses the name %s with a clear error, creating nothing', async (name, error) => {
    const before = contents(tree);
    await expect(dialectGenerator(tree, { name, skipInstall: true })).rejects.toThrow(error);
    expect(contents(tree)).toEqual(before);
  });

  it('refuses a dialect the list already names', async () => {
    tree.write(INSTALLED_DIALECTS_PATH, LIST.replace('import { cruxDialect }', "import { zedDialect } from '@tally/vendor-zed';\nimport { cruxDialect }"));
    await expect(dialectGenerator(tree, { name: 'zed', skipInstall: true })).rejects.toThrow(/already in apps\/api\/src\/dialects\/installed-dialects.list.ts/);
  });
});
