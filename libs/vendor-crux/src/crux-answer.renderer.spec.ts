import type { UseCaseErrorCode } from '@tally/inventory-application';
import { problemOfLine, renderBulk, renderLogin, renderProblem, renderSuccess, skuNotFound } from './crux-answer.renderer';
import { renderFrameworkError } from './crux-framework-error.renderer';
import { cruxProblem, type CruxIdentifier } from './crux-inventory.model';

const sku: CruxIdentifier = { name: 'sku_id', value: 'A1', reference: { sku: 'A1' } };
const line = (status: 'applied' | 'unchanged' | 'rejected' | 'conflict', error?: { code: UseCaseErrorCode; message: string; field?: string }) => ({
  lineNo: 1,
  status,
  itemId: null,
  locationId: null,
  warnings: [],
  ...(error ? { error } : {}),
});

describe('Crux answers', () => {
  it('answers success as the document does', () => {
    expect(renderSuccess()).toMatchObject({ status: 200, body: { message: 'success' } });
  });

  it('renders errors as {status_code, message, code, errors} and asks for a token on 401', () => {
    const answer = renderProblem(cruxProblem(401, 'CRUX.UNAUTHENTICATED', [{ field: 'Authorization', message: 'no' }]));
    expect(answer).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Token' } });
    expect(answer.body).toEqual({ status_code: 401, message: 'no', code: 'CRUX.UNAUTHENTICATED', errors: [{ field: 'Authorization', message: 'no' }] });
  });

  it('answers one {status_code, message} per bulk element, in order', () => {
    expect(renderBulk([null, skuNotFound([sku])]).body).toEqual([
      { status_code: 200, message: 'success' },
      { status_code: 404, message: 'No sku found with sku identifier sku_id A1; valid identifiers are sku_id, upca, ean13, gtin14, isbn' },
    ]);
  });

  it('maps line reports: unknown item 404, bad quantity 400, conflict 409', () => {
    expect(problemOfLine(line('applied'), [sku])).toBeNull();
    expect(problemOfLine(line('unchanged'), [sku])).toBeNull();
    expect(problemOfLine(line('rejected', { code: 'INVENTORY.UNKNOWN_ITEM', message: 'x' }), [sku])).toMatchObject({ status: 404 });
    expect(problemOfLine(line('rejected', { code: 'INVENTORY.INVALID_QUANTITY', message: 'bad', field: 'onHand' }), [sku])).toMatchObject({
      status: 400,
      errors: [{ field: 'quantity_in_stock' }],
    });
    expect(problemOfLine(line('conflict', { code: 'INVENTORY.VERSION_CONFLICT', message: 'x' }), [sku])).toMatchObject({ status: 409 });
  });

  it('hands out the token with its lifetime, never cached', () => {
    const answer = renderLogin({ token: 't', expiresAt: '2026-01-01T02:00:00.000Z', expiresInSeconds: 7200 });
    expect(answer).toMatchObject({ status: 200, headers: { 'cache-control': 'no-store' }, body: { auth_token: 't', expires_in: 7200 } });
  });

  it('renders framework errors in Crux shape and hides server faults', () => {
    expect(renderFrameworkError({ status: 415, detail: 'not json' }).body).toMatchObject({ status_code: 415, code: 'CRUX.UNSUPPORTED_MEDIA_TYPE' });
    expect(renderFrameworkError({ status: 413, detail: 'too big' }).body).toMatchObject({ status_code: 413, errors: [{ field: 'body' }] });
    const fault = renderFrameworkError({ status: 500, detail: 'secret internals' });
    expect(JSON.stringify(fault.body)).not.toContain('secret');
    expect(renderFrameworkError({ status: 503, detail: '' }).headers['retry-after']).toBe('1');
  });
});
