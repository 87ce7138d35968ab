import { Header } from '@nestjs/common';

/**
 * The answer carries a new secret (a key, a connection secret, a token): no cache, shared or
 * the browser's own, may keep a copy of it (`Cache-Control: no-store`).
 */
export const NoStore = (): MethodDecorator => Header('cache-control', 'no-store');
