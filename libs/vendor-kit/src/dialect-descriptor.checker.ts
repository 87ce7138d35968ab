import type { DialectDescriptor, PresentedRequest } from './dialect.descriptor';
import { HttpErrorCodes } from './canonical-error.codes';
import { dialectUrl } from './dialect-url.util';

const NAME = /^[a-z][a-z0-9-]{0,39}$/;
const PATH = /^\/[A-Za-z0-9._~\-/{}]*$/;
const PROBE_BASE = 'http://tally.invalid:1234';
const PROBE_STATUSES = [400, 401, 404, 413, 415, 422, 429, 500, 503];

/**
 * What is wrong with a descriptor, in words; empty when it is sound. The API refuses to start
 * with an unsound dialect, and each dialect's spec asserts its descriptor passes, so a slip (a
 * route outside the prefix, a guide URL on another host, an error renderer that answers 200)
 * fails before any client sees it.
 */
export function checkDialectDescriptor(descriptor: DialectDescriptor): string[] {
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${descriptor.name}: ${problem}`);
  if (!NAME.test(descriptor.name)) say('the name must be lowercase letters, digits and dashes, starting with a letter');
  if (!descriptor.title.trim() || !descriptor.summary.trim()) say('the title and summary must not be blank');
  if (descriptor.pathPrefix !== null && !/^\/[a-z0-9-]+\/$/.test(descriptor.pathPrefix)) say(`the path prefix ${descriptor.pathPrefix} must look like /name/`);
  if (descriptor.routes.length === 0) say('it has no route');
  for (const route of descriptor.routes) {
    const where = `${route.method} ${route.path}`;
    if (!PATH.test(route.path)) say(`${where}: the path must start with / and hold only URL characters and {parameters}`);
    if (descriptor.pathPrefix && !route.path.startsWith(descriptor.pathPrefix)) say(`${where}: outside the path prefix ${descriptor.pathPrefix}`);
    if (route.bodyLimit && !(route.bodyLimit.defaultBytes >= 1024)) say(`${where}: a body limit below 1 KB`);
    if (route.bodyLimit && !/^[A-Z][A-Z0-9_]*$/.test(route.bodyLimit.setting)) say(`${where}: the body limit setting must be an environment variable name`);
  }
  const duplicates = descriptor.routes.map((r) => `${r.method} ${r.path}`).filter((key, i, all) => all.indexOf(key) !== i);
  if (duplicates.length) say(`routes listed twice: ${duplicates.join(', ')}`);
  if (descriptor.settings.type !== 'object') say('the settings schema must be an object schema');
  for (const name of descriptor.settings.required ?? []) {
    if (!descriptor.settings.properties[name]) say(`the required option ${name} is not a property`);
  }
  if (descriptor.pathPrefix !== null && !descriptor.presentedCredential) say('a dialect with a path prefix must say which credential a request presents');
  problems.push(...credentialProblems(descriptor).map((p) => `${descriptor.name}: ${p}`));
  problems.push(...guideProblems(descriptor).map((p) => `${descriptor.name}: ${p}`));
  problems.push(...rendererProblems(descriptor).map((p) => `${descriptor.name}: ${p}`));
  return problems;
}

/** Requests no dialect can read a credential from: each must be answered null, without a throw. */
const EMPTY_REQUESTS: readonly Omit<PresentedRequest, 'method' | 'path'>[] = [
  { headers: {}, query: {} },
  { headers: { authorization: 'Bearer' }, query: { connection: ['a', 'b'] }, body: 'not an object' },
  { headers: { authorization: ['Basic', 'Token'] }, query: {}, body: { username: 42, integration_auth_token: null } },
];

function credentialProblems(descriptor: DialectDescriptor): string[] {
  const read = descriptor.presentedCredential;
  if (!read) return [];
  const problems: string[] = [];
  for (const route of descriptor.routes) {
    for (const request of EMPTY_REQUESTS) {
      try {
        const presented = read({ method: route.method, path: route.path, ...request });
        if (presented !== null) problems.push(`${route.method} ${route.path}: a request without a credential presents ${presented.kind}`);
      } catch (error) {
        problems.push(`${route.method} ${route.path}: reading the presented credential threw ${String(error)}`);
      }
    }
  }
  return [...new Set(problems)];
}

function guideProblems(descriptor: DialectDescriptor): string[] {
  const problems: string[] = [];
  const guide = descriptor.connectGuide({ baseUrl: PROBE_BASE });
  if (guide.steps.length === 0) problems.push('the connect guide has no step');
  if (guide.endpoints.length === 0) problems.push('the connect guide names no endpoint');
  for (const endpoint of guide.endpoints) {
    if (!endpoint.url.startsWith(`${PROBE_BASE}/`)) problems.push(`the guide's ${endpoint.label} URL is not built from the base URL: ${endpoint.url}`);
    else if (endpoint.url.slice(PROBE_BASE.length).split('?')[0].includes('//'))
      problems.push(`the guide's ${endpoint.label} URL has an empty path segment: ${endpoint.url}`);
    const path = endpoint.url.slice(PROBE_BASE.length).split('?')[0];
    const known = descriptor.routes.some((r) => dialectUrl(PROBE_BASE, r.path) === `${PROBE_BASE}${path}`);
    if (endpoint.url.startsWith(`${PROBE_BASE}/`) && !known && !path.startsWith('/docs'))
      problems.push(`the guide's ${endpoint.label} URL is not one of the dialect's routes: ${endpoint.url}`);
  }
  return problems;
}

function rendererProblems(descriptor: DialectDescriptor): string[] {
  if (!descriptor.renderError) return descriptor.pathPrefix ? ['a dialect with a path prefix must render its errors'] : [];
  const problems: string[] = [];
  const path = descriptor.routes[0]?.path ?? descriptor.pathPrefix ?? '/';
  for (const status of PROBE_STATUSES) {
    const answer = descriptor.renderError({ path, status, title: 'Probe', code: HttpErrorCodes.internal, detail: 'probe', errors: [], headers: {} });
    if (answer.status < 400) problems.push(`an error of status ${status} is answered ${answer.status}`);
    if (status >= 500 && answer.status < 500) problems.push(`a server fault (${status}) is answered as the client's (${answer.status})`);
  }
  return problems;
}
