import { EnvReader } from '../../config/env.reader';

/**
 * Default body limit of the push routes: a push of 100,000 SKUs (the lib's limit) with a few
 * breakdown rows each is about 40 MB of JSON.
 */
export const RETAILOPS_PUSH_BODY_LIMIT = 64 * 1024 * 1024;

/** The push routes (the SDK's path and the document's), which get RETAILOPS_PUSH_BODY_LIMIT instead of BODY_LIMIT. */
export const RETAILOPS_PUSH_ROUTES = ['/retailops/inventory_push_v1', '/retailops/orders'] as const;

/**
 * Reads RETAILOPS_PUSH_BODY_LIMIT [64mb]: the largest push body; other routes keep BODY_LIMIT.
 * @throws Error naming the variable when it is invalid.
 */
export function loadRetailopsPushBodyLimit(env: NodeJS.ProcessEnv): number {
  const read = new EnvReader(env);
  const limit = read.size('RETAILOPS_PUSH_BODY_LIMIT', RETAILOPS_PUSH_BODY_LIMIT, 1024, 512 * 1024 * 1024);
  read.check('RetailOPS settings');
  return limit;
}
