import type { FieldProblem, VendorAnswer } from '@tally/vendor-kit';
import type { Job, JobMessage } from '@tally/inventory-application';

/** The job status body of `GET /inv/api/v1/queue/{jobID}`, with the fields Kibo documents. */
export interface KiboJobStatusBody {
  readonly jobID: number;
  readonly type: string;
  readonly status: string;
  readonly success: boolean;
  readonly itemCount: number;
  /** Tally's addition: lines handled so far, so progress shows while the job runs. */
  readonly processedCount: number;
  readonly messages: string[];
  readonly added: string;
  readonly started: string | null;
  readonly finished: string | null;
  readonly locationCode: string | null;
  readonly tenantID: string;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** One message line: which item, the stable code and why. */
export function renderKiboMessage(message: JobMessage): string {
  const position = `items[${message.line}]`;
  const where = message.line === null ? 'job' : `${position}${message.item && message.item !== position ? ` (${message.item})` : ''}`;
  return `${where}: ${message.code}: ${message.message}`;
}

/** A job in Kibo's queue-status shape. */
export function renderKiboJob(job: Job): KiboJobStatusBody {
  return {
    jobID: job.number,
    type: job.kind,
    status: job.status,
    success: job.status === 'SUCCESS',
    itemCount: job.itemCount,
    processedCount: job.processed,
    messages: job.messages.map(renderKiboMessage),
    added: job.added,
    started: job.started,
    finished: job.finished,
    locationCode: job.locationCode,
    tenantID: job.tenantId,
  };
}

/** The answer to an accepted refresh or adjust: only the job id, as an integer. */
export function renderKiboJobAccepted(jobId: number): VendorAnswer {
  return { status: 200, headers: JSON_HEADERS, body: { jobID: jobId } };
}

/**
 * Tally's Kibo error body (ADR 0012): `{status, error, message, errors[]}`, `errors` naming each
 * field and its problem. 401 answers carry a Bearer challenge.
 */
export function renderKiboError(status: number, message: string, errors: readonly FieldProblem[] = []): VendorAnswer {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="kibo"';
  return { status, headers, body: { status, error: REASONS[status] ?? 'Error', message, errors: [...errors] } };
}

/** An OAuth2 error (RFC 6749 §5.2) of the token endpoint; invalid_client is 401 with a Basic challenge. */
export function renderOAuthError(status: number, error: string, description: string): VendorAnswer {
  const headers: Record<string, string> = { ...JSON_HEADERS, 'cache-control': 'no-store', pragma: 'no-cache' };
  if (status === 401) headers['www-authenticate'] = 'Basic realm="kibo"';
  return { status, headers, body: { error, error_description: description } };
}

/** A successful token answer (RFC 6749 §5.1). */
export function renderOAuthToken(token: string, expiresIn: number): VendorAnswer {
  return {
    status: 200,
    headers: { ...JSON_HEADERS, 'cache-control': 'no-store', pragma: 'no-cache' },
    body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn },
  };
}
