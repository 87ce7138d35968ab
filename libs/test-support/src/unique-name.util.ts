import { randomBytes } from 'node:crypto';

/** A name no other test uses, such as `tenant-3f9a0c12de`. */
export const unique = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;
