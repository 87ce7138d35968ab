import type { FieldProblem } from './field-problem.model';

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text is not one Tally accepts, or null when it is. Two things are refused in any text a
 * request carries (a value or a member name, in a body, a query, a path or a credential):
 * - NUL (U+0000): PostgreSQL cannot store it in text at all, SQLite and C libraries cut strings
 *   at it, and no identifier, code or name needs it;
 * - a lone surrogate (U+D800–U+DFFF not in a pair): valid in a JavaScript string and in JSON's
 *   `\u` escapes, but not Unicode text, so it has no UTF-8 form; PostgreSQL refuses it and other
 *   stores silently replace it, which would make two different values one.
 * Every other character, control characters included, is left to each field's own rules.
 */
export function unsafeTextReason(text: string): string | null {
  const found = UNSAFE.exec(text);
  if (!found) return null;
  if (found[0] === '\u0000') return 'must not contain a NUL character (U+0000)';
  return `must not contain an unpaired surrogate (U+${found[0].charCodeAt(0).toString(16).toUpperCase()})`;
}

/** Whether a text passes {@link unsafeTextReason}: no NUL, no lone surrogate. */
export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

/** How a dialect names the member `key` of the field `parent` (`items[3].sku`, `inventory[sku]`, `/data/0/type`). */
export type ChildFieldNamer = (parent: string, key: string | number) => string;

/** `a.b` for members, `a[0]` for array elements; a member of the root is named alone. */
export const dottedChildField: ChildFieldNamer = (parent, key) => (typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`);

/**
 * The first text of a parsed JSON value (or query object) that breaks {@link unsafeTextReason}:
 * a string value, named by its field, or a member name, reported on the object that holds it (a
 * bad name is never echoed back). Null when every text is safe. Walks depth first in document
 * order, without recursion, so a deep body cannot exhaust the stack.
 * @param field the name of `value` itself ('' for a whole body or query: its members are then named alone).
 * @param rootName how a problem of the root itself is named when `field` is '' (a member name of a body).
 */
export function findUnsafeText(value: unknown, field: string, childField: ChildFieldNamer = dottedChildField, rootName = 'body'): FieldProblem | null {
  const stack: [unknown, string][] = [[value, field]];
  while (stack.length) {
    const [node, at] = stack.pop() as [unknown, string];
    if (typeof node === 'string') {
      const reason = unsafeTextReason(node);
      if (reason) return { field: at || rootName, message: reason };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const children: [unknown, string][] = [];
    if (Array.isArray(node)) {
      node.forEach((child, index) => children.push([child, childField(at, index)]));
    } else {
      for (const [key, child] of Object.entries(node)) {
        const reason = unsafeTextReason(key);
        if (reason) return { field: at || rootName, message: `has a member name that ${reason}` };
        children.push([child, childField(at, key)]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}
