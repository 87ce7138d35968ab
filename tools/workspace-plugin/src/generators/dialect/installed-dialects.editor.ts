/** What the list gets for one dialect: its descriptor's import, its module's import and its entry. */
export interface InstalledDialectLine {
  /** `@tally/vendor-acme` */
  readonly libImport: string;
  /** `acmeDialect` */
  readonly descriptor: string;
  /** `../vendors/acme/acme.module` */
  readonly moduleImport: string;
  /** `AcmeModule` */
  readonly module: string;
}

const LIST_START = 'export const INSTALLED_DIALECTS';

/**
 * Adds a dialect to the source of `installed-dialects.list.ts`: the two imports, each in
 * order among its kind (vendor libs, vendor modules), and the entry at the end of the list.
 * @throws Error when the file no longer has the shape this edit relies on.
 */
export function addInstalledDialect(source: string, line: InstalledDialectLine): string {
  const lines = source.split('\n');
  insertImport(lines, `import { ${line.descriptor} } from '${line.libImport}';`, /^import .* from '@tally\/vendor-(?!kit')/);
  insertImport(lines, `import { ${line.module} } from '${line.moduleImport}';`, /^import .* from '\.\.\/vendors\//);
  const start = lines.findIndex((l) => l.startsWith(LIST_START));
  const end = start < 0 ? -1 : lines.findIndex((l, i) => i > start && l.startsWith('];'));
  if (end < 0) throw new Error(`installed dialects: no "${LIST_START} ... ];" list to add ${line.descriptor} to`);
  lines.splice(end, 0, `  { descriptor: ${line.descriptor}, module: ${line.module} },`);
  return lines.join('\n');
}

/** Inserts an import among the imports the pattern matches, in order of the module path; after the last import when none does. */
function insertImport(lines: string[], statement: string, group: RegExp): void {
  const pathOf = (l: string) => /from '([^']+)'/.exec(l)?.[1] ?? '';
  const members = lines.map((l, i) => ({ l, i })).filter(({ l }) => group.test(l));
  const lastImport = lines.reduce((last, l, i) => (l.startsWith('import ') ? i : last), -1);
  if (lastImport < 0) throw new Error('installed dialects: the file has no imports to add to');
  const after = members.find(({ l }) => pathOf(l) > pathOf(statement));
  const at = after ? after.i : members.length ? members[members.length - 1].i + 1 : lastImport + 1;
  lines.splice(at, 0, statement);
}
