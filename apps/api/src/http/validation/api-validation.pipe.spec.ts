import { nestsDeeperThan } from '@tally/vendor-kit';
import { ApiValidationPipe } from './api-validation.pipe';
import { RequestValidationError } from './request-validation.error';
import { CreateApiKeyDto } from '../../access/api-key.dto';

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
});
