import { NotFoundException } from '@nestjs/common';
import { ApplicationError, ConcurrentWriteError } from '@tally/inventory-application';
import { RequestValidationError } from '../validation/request-validation.error';
import { exceptionToProblem } from './exception-to-problem.mapper';

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
    const { problem } = exceptionToProblem(new ApplicationError(code, 'why', 'field'));
    expect(problem).toMatchObject({ status, code, detail: 'why', errors: [{ field: 'field', message: 'why' }] });
    expect(problem.type).toBe(`urn:tally:problem:${code.toLowerCase()}`);
  });

  it('keeps the current value of a conflict as an extension member', () => {
    const { problem } = exceptionToProblem(new ApplicationError('INVENTORY.EXPECTED_MISMATCH', 'no', 'expected', { current: 7 }));
    expect(problem['current']).toBe(7);
  });

  it('lists every invalid field of a validation error', () => {
    const { problem } = exceptionToProblem(new RequestValidationError([{ field: 'a', message: 'bad' }, { field: 'b', message: 'worse' }]));
    expect(problem).toMatchObject({ status: 422, code: 'REQUEST.INVALID', errors: [{ field: 'a' }, { field: 'b' }] });
  });

  it('asks for a bearer key on 401 and for a retry on 503', () => {
    expect(exceptionToProblem(new ApplicationError('AUTH.UNAUTHENTICATED', 'x')).headers['www-authenticate']).toMatch(/^Bearer/);
    expect(exceptionToProblem(new ConcurrentWriteError()).headers['retry-after']).toBe('1');
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
