import { nestsDeeperThan } from '@tally/vendor-kit';
import { ApiValidationPipe } from './api-validation.pipe';
import { RequestValidationError } from './request-validation.error';
import { CreateApiKeyDto } from '../../access/api-key.dto';
import { SignInDto } from '../../access/session/session.dto';
import { StockBatchRequestDto } from '../../stock/stock-write-request.dto';

describe('ApiValidationPipe', () => {
  const pipe = new ApiValidationPipe();
  const body = (value: unknown) => pipe.transform(value, { type: 'body', metatype: CreateApiKeyDto });

  it('instantiates a valid DTO', async () => {
    await expect(body({ name: 'k', role: 'admin' })).resolves.toBeInstanceOf(CreateApiKeyDto);
  });

  it.each([null, undefined, [], 'text', 4])('refuses a body that is not an object: %p', async (value) => {
    await expect(body(value)).rejects.toMatchObject({ errors: [{ field: 'body' }] });
  });

  it('names each invalid or unknown field', async () => {
    const error = (await body({ name: 3, role: 'root', extra: 1 }).catch((e: unknown) => e)) as RequestValidationError;
    expect(error.errors.map((e) => e.field).sort()).toEqual(['extra', 'name', 'role']);
  });

  it('refuses bodies nested deeper than any DTO before transforming them', async () => {
    const deep = JSON.parse(`{"name": ${'['.repeat(5000)}${']'.repeat(5000)}, "role": "admin"}`);
    await expect(body(deep)).rejects.toMatchObject({ errors: [{ field: 'body' }] });
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [{}] } }, 3)).toBe(true);
  });

  it('refuses text Tally never accepts anywhere in a DTO body, naming the field', async () => {
    await expect(body({ name: 'k\u0000', role: 'admin' })).rejects.toMatchObject({
      errors: [{ field: 'name', message: 'must not contain a NUL character (U+0000)' }],
    });
    await expect(body({ name: 'k\uD800', role: 'admin' })).rejects.toMatchObject({
      errors: [{ field: 'name', message: 'must not contain an unpaired surrogate (U+D800)' }],
    });
  });

  it('leaves the properties whose reader checks their text: batch lines and the sign-in key', async () => {
    const lines = [{ op: 'remove', item: { sku: 'a\u0000' }, location: { code: 'W' } }];
    const batch = await pipe.transform({ lines }, { type: 'body', metatype: StockBatchRequestDto });
    expect(batch).toBeInstanceOf(StockBatchRequestDto);
    await expect(pipe.transform({ lines, reference: 'r\u0000' }, { type: 'body', metatype: StockBatchRequestDto })).rejects.toMatchObject({
      errors: [{ field: 'reference' }],
    });
    await expect(pipe.transform({ apiKey: 'tly_\u0000' }, { type: 'body', metatype: SignInDto })).resolves.toBeInstanceOf(SignInDto);
  });

  it('lets such text through only in the skip-text-safety negative control', async () => {
    const unsafe = new ApiValidationPipe({ skipTextSafety: true });
    await expect(unsafe.transform({ name: 'k\u0000', role: 'admin' }, { type: 'body', metatype: CreateApiKeyDto })).resolves.toBeInstanceOf(CreateApiKeyDto);
  });
});
