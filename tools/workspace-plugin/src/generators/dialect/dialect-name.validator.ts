import type { Tree } from '@nx/devkit';

/** What the API's dialect catalog accepts as a name (apps/api/src/dialects/dialect.catalog.ts). */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_LENGTH = 40;
/** Names taken by something that is not a vendor lib: Tally's own dialect and the shared kit. */
const RESERVED = ['canonical', 'kit'];

/**
 * Refuses a name the generator cannot use, saying why: not lowercase letters, digits and
 * single dashes starting with a letter, reserved, or already a dialect, lib or vendor module.
 * @throws Error naming the rule the name breaks.
 */
export function assertDialectNameFree(tree: Tree, name: string, installedListPath: string): void {
  if (!NAME.test(name) || name.length > MAX_LENGTH) {
    throw new Error(
      `dialect name "${name}" is not valid: use lowercase letters, digits and single dashes, starting with a letter, at most ${MAX_LENGTH} characters (e.g. acme)`,
    );
  }
  if (RESERVED.includes(name)) throw new Error(`dialect name "${name}" is reserved`);
  const taken = [`libs/vendor-${name}`, `apps/api/src/vendors/${name}`].find((path) => tree.exists(path));
  if (taken) throw new Error(`dialect name "${name}" is taken: ${taken} exists`);
  const list = tree.read(installedListPath, 'utf-8') ?? '';
  if (list.includes(`'@tally/vendor-${name}'`)) throw new Error(`dialect "${name}" is already in ${installedListPath}`);
}
