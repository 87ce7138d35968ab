import 'reflect-metadata';

const CHECKED_ELSEWHERE = Symbol('tally:text-checked-elsewhere');

/** Who checks the text of a property the validation pipe leaves alone. */
export type TextCheckedBy = 'each line' | 'the credential check';

/**
 * The text-safety rule (no NUL, no lone surrogate: `unsafeTextReason` of the kit) is applied to
 * this body property by its reader instead of by {@link ApiValidationPipe}: the lines of a batch
 * (a bad line is refused alone and the good ones apply, architecture §4.6), or a credential (an
 * unsafe one is refused as a wrong credential, 401, and counts against the failed-authentication
 * throttle). Only for top-level properties of a body DTO.
 */
export function TextCheckedElsewhere(by: TextCheckedBy): PropertyDecorator {
  return (target, property) => {
    const own: Record<string, TextCheckedBy> = { ...(Reflect.getMetadata(CHECKED_ELSEWHERE, target) ?? {}), [String(property)]: by };
    Reflect.defineMetadata(CHECKED_ELSEWHERE, own, target);
  };
}

/** The body properties of a DTO class whose text {@link TextCheckedElsewhere} leaves to their reader. */
export function textCheckedElsewhere(metatype: unknown): readonly string[] {
  if (typeof metatype !== 'function') return [];
  return Object.keys((Reflect.getMetadata(CHECKED_ELSEWHERE, metatype.prototype) as Record<string, TextCheckedBy> | undefined) ?? {});
}
