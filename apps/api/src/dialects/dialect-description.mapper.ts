import type { DialectConnectContext, DialectDescriptor } from '@tally/vendor-kit';
import { dialectUrl } from '@tally/vendor-kit';
import type { DialectCatalog } from './dialect.catalog';
import { JSON_MEDIA_TYPE } from './dialect.catalog';
import type { DialectDto } from './dialect.dto';

/**
 * A dialect's description as `GET /api/v1/dialects` answers it: its routes with their URLs on
 * this server and the body limits in force, and its connect guide for the given context.
 */
export function describeDialect(descriptor: DialectDescriptor, catalog: DialectCatalog, serverBodyLimit: number, context: DialectConnectContext): DialectDto {
  return {
    name: descriptor.name,
    title: descriptor.title,
    summary: descriptor.summary,
    pathPrefix: descriptor.pathPrefix,
    errorShape: descriptor.renderError ? 'vendor' : 'problem',
    routes: descriptor.routes.map((route) => ({
      method: route.method,
      path: route.path,
      url: dialectUrl(context.baseUrl, route.path),
      summary: route.summary,
      contentTypes: [...(route.contentTypes ?? (route.method === 'GET' ? [] : [JSON_MEDIA_TYPE]))],
      bodyLimitBytes: catalog.bodyLimitOf(route) ?? serverBodyLimit,
      bodyLimitSetting: route.bodyLimit?.setting ?? null,
    })),
    credential: { ...descriptor.credential },
    settings: { ...descriptor.settings },
    connect: copyGuide(descriptor.connectGuide(context)),
  };
}

function copyGuide(guide: ReturnType<DialectDescriptor['connectGuide']>): DialectDto['connect'] {
  return { steps: [...guide.steps], endpoints: guide.endpoints.map((e) => ({ ...e })) };
}
