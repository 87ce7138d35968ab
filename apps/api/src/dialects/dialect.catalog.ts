import { ConnectionDialects, type ConnectionOptionProblem } from '@tally/inventory-application';
import { checkDialectDescriptor, checkDialectOptions, type DialectDescriptor, type DialectRoute } from '@tally/vendor-kit';
import { EnvReader } from '@tally/platform-node';

/** Media type of every body unless a route says otherwise. */
export const JSON_MEDIA_TYPE = 'application/json';
const MAX_ROUTE_BODY = 512 * 1024 * 1024;

/** A route's own body limit, as the HTTP server registers the route. */
export interface RouteBodyLimit {
  readonly method: string;
  readonly url: string;
  readonly bodyLimit: number;
}

/** A route that takes bodies of other media types than JSON. */
export interface RouteMediaTypes {
  readonly method: string;
  readonly pattern: RegExp;
  readonly mediaTypes: readonly string[];
}

/**
 * The dialects the API speaks, from their descriptors: the one place that turns them into the
 * tables the HTTP layer needs (error renderers by path, body limits, media types) and into the
 * rules connections are checked by. Body limits are read once, from the environment it is given.
 * @throws Error at start-up when a descriptor is unsound, two dialects share a name or a path
 * prefix, or a body limit setting is not a size in range (naming every such setting).
 */
export class DialectCatalog extends ConnectionDialects {
  private readonly byName: ReadonlyMap<string, DialectDescriptor>;
  private readonly byPrefix: readonly DialectDescriptor[];
  private readonly bodyLimits: readonly RouteBodyLimit[];

  constructor(
    readonly descriptors: readonly DialectDescriptor[],
    env: NodeJS.ProcessEnv = {},
  ) {
    super();
    const byName = new Map<string, DialectDescriptor>();
    for (const descriptor of descriptors) {
      const unsound = checkDialectDescriptor(descriptor);
      if (unsound.length) throw new Error(`unsound dialect: ${unsound.join('; ')}`);
      if (byName.has(descriptor.name)) throw new Error(`two dialects are named "${descriptor.name}"`);
      const clash = descriptor.pathPrefix && descriptors.find((d) => d !== descriptor && d.pathPrefix === descriptor.pathPrefix);
      if (clash) throw new Error(`dialects ${descriptor.name} and ${clash.name} share the path prefix ${descriptor.pathPrefix}`);
      byName.set(descriptor.name, descriptor);
    }
    this.byName = byName;
    // Longest prefix first, so a nested dialect path wins over a shorter one.
    this.byPrefix = descriptors.filter((d) => d.pathPrefix).sort((a, b) => (b.pathPrefix as string).length - (a.pathPrefix as string).length);
    this.bodyLimits = readBodyLimits(this.routes(), env);
  }

  names(): readonly string[] {
    return [...this.byName.keys()];
  }

  /** The dialect of that name, if the API speaks it. */
  get(name: string): DialectDescriptor | undefined {
    return this.byName.get(name);
  }

  checkOptions(dialect: string, options: Readonly<Record<string, unknown>>): readonly ConnectionOptionProblem[] {
    const descriptor = this.byName.get(dialect);
    return descriptor ? checkDialectOptions(descriptor.settings, options) : [];
  }

  /** The dialect whose error shape a request path is answered in, if any. */
  ofPath(path: string): DialectDescriptor | undefined {
    return this.byPrefix.find((d) => d.renderError && path.startsWith(d.pathPrefix as string));
  }

  /** The dialect that reads the credential of a request to this path, if any (the canonical API reads its own). */
  credentialReaderOf(path: string): DialectDescriptor | undefined {
    return this.byPrefix.find((d) => d.presentedCredential && path.startsWith(d.pathPrefix as string));
  }

  /** The routes with a body limit of their own, in the server's route syntax. */
  routeBodyLimits(): readonly RouteBodyLimit[] {
    return this.bodyLimits;
  }

  /** The body limit of a route of a dialect: its own, or null for the server's `BODY_LIMIT`. */
  bodyLimitOf(route: DialectRoute): number | null {
    return this.bodyLimits.find((limit) => limit.method === route.method && limit.url === serverPath(route.path))?.bodyLimit ?? null;
  }

  /** The routes that accept bodies of media types other than JSON. */
  routeMediaTypes(): RouteMediaTypes[] {
    return this.routes()
      .filter((route) => route.contentTypes?.some((type) => type !== JSON_MEDIA_TYPE))
      .map((route) => ({ method: route.method, pattern: pathPattern(route.path), mediaTypes: route.contentTypes! }));
  }

  private routes(): DialectRoute[] {
    return this.descriptors.flatMap((d) => d.routes);
  }
}

function readBodyLimits(routes: readonly DialectRoute[], env: NodeJS.ProcessEnv): RouteBodyLimit[] {
  const read = new EnvReader(env);
  // Several routes may share a setting: read each once, so a bad value is named once.
  const bySetting = new Map<string, number>();
  const limits = routes
    .filter((route) => route.bodyLimit)
    .map((route) => {
      const { setting, defaultBytes } = route.bodyLimit!;
      if (!bySetting.has(setting)) bySetting.set(setting, read.size(setting, defaultBytes, 1024, MAX_ROUTE_BODY));
      return { method: route.method, url: serverPath(route.path), bodyLimit: bySetting.get(setting)! };
    });
  read.check('dialect body limits');
  return limits;
}

/** `/a/{id}/b` → `/a/:id/b`, the route syntax of the HTTP server. */
export function serverPath(template: string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** `/a/{id}/b` → a pattern matching `/a/<one segment>/b`. */
function pathPattern(template: string): RegExp {
  const escaped = template.split(/\{[A-Za-z0-9_]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}
