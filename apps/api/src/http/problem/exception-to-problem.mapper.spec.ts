import { NotFoundException } from '@nestjs/common';
import { ApplicationError, ApplicationErrorCodes, ConcurrentWriteError, type UseCaseErrorCode } from '@tally/inventory-application';
import { DomainErrorCodes } from '@tally/inventory-domain';
import { ALL_CANONICAL_ERROR_CODES, HttpErrorCodes } from '@tally/vendor-kit';
import { RequestValidationError } from '../validation/request-validation.error';
import { exceptionToProblem } from './exception-to-problem.mapper';
import { MalformedRequestError } from './malformed-request.error';
import { statusOfCode } from './problem-details.model';

describe('exceptionToProblem', () => {
  it.each([
    ['RESOURCE.NOT_FOUND', 404],
    ['AUTH.UNAUTHENTICATED', 401],
    ['AUTH.FORBIDDEN', 403],
    ['INVENTORY.EXPECTED_MISMATCH', 409],
    ['DISCREPANCY.NOT_OPEN', 409],
    ['IDEMPOTENCY.KEY_REUSED', 422],
    ['IDENTIFIER.BAD_CHECK_DIGIT', 422],
    ['STORE.RETRY_EXHAUSTED', 503],
  ])('maps %s to %i', (code, status) => {
    const { problem } = exceptionToProblem(new ApplicationError(code as UseCaseErrorCode, 'why', 'field'));
    expect(problem).toMatchObject({ status, code, detail: 'why', errors: [{ field: 'field', message: 'why' }] });
    expect(problem.type).toBe(`urn:tally:problem:${code.toLowerCase()}`);
  });

  it('answers a request it cannot read with 400 naming the field', () => {
    const { problem, serverFault } = exceptionToProblem(new MalformedRequestError('header', 'unknown column "wat"'));
    expect(serverFault).toBe(false);
    expect(problem).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED', errors: [{ field: 'header', message: 'unknown column "wat"' }] });
  });

  it('keeps the current value of a conflict as an extension member', () => {
    const { problem } = exceptionToProblem(new ApplicationError('INVENTORY.EXPECTED_MISMATCH', 'no', 'expected', { current: 7 }));
    expect(problem['current']).toBe(7);
  });

  it('lists every invalid field of a validation error', () => {
    const { problem } = exceptionToProblem(
      new RequestValidationError([
        { field: 'a', message: 'bad' },
        { field: 'b', message: 'worse' },
      ]),
    );
    expect(problem).toMatchObject({ status: 422, code: 'REQUEST.INVALID', errors: [{ field: 'a' }, { field: 'b' }] });
  });

  it('asks for a bearer key on 401 and for a retry on 503', () => {
    expect(exceptionToProblem(new ApplicationError('AUTH.UNAUTHENTICATED', 'x')).headers['www-authenticate']).toMatch(/^Bearer/);
    expect(exceptionToProblem(new ConcurrentWriteError()).headers['retry-after']).toBe('1');
  });

  it('answers a tenant quota or rate refusal 429 with the Retry-After it names (ADR 0044)', () => {
    const quota = exceptionToProblem(new ApplicationError(ApplicationErrorCodes.jobQuotaExceeded, 'full', undefined, { retryAfterSeconds: 5 }));
    expect(quota.problem).toMatchObject({ status: 429, code: 'JOBS.QUOTA_EXCEEDED' });
    expect(quota.headers['retry-after']).toBe('5');
    const rate = exceptionToProblem(new ApplicationError(ApplicationErrorCodes.rateLimited, 'slow down', undefined, { retryAfterSeconds: 0.2 }));
    expect(rate.problem).toMatchObject({ status: 429, code: 'TENANT.RATE_LIMITED' });
    expect(rate.headers['retry-after']).toBe('1');
  });

  it('renders framework errors by their status', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 });
    expect(exceptionToProblem(parseError).problem).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED' });
    expect(exceptionToProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
  });

  it('hides the details of a bug behind a 500 and flags it for the log', () => {
    const mapped = exceptionToProblem(new TypeError('secret internals'));
    expect(mapped.serverFault).toBe(true);
    expect(mapped.problem.status).toBe(500);
    expect(JSON.stringify(mapped.problem)).not.toContain('secret internals');
  });
});

describe('the status of every canonical code', () => {
  it('covers the domain, the application and the HTTP layer', () => {
    const all = [...Object.values(DomainErrorCodes), ...Object.values(ApplicationErrorCodes), ...Object.values(HttpErrorCodes)];
    expect(new Set(ALL_CANONICAL_ERROR_CODES)).toEqual(new Set(all));
  });

  it.each(ALL_CANONICAL_ERROR_CODES)('maps %s to a status of its own', (code) => {
    const status = statusOfCode(code);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(600);
    expect(exceptionToProblem(new ApplicationError(code as UseCaseErrorCode, 'why')).problem).toMatchObject({ status, code });
  });

  it('answers an application error whose code is not canonical as a 500 to be logged', () => {
    const mapped = exceptionToProblem(new ApplicationError('NOT.A_CODE' as UseCaseErrorCode, 'from another thread'));
    expect(mapped).toMatchObject({ serverFault: true, problem: { status: 500, code: 'SERVER.INTERNAL_ERROR' } });
  });
});
