import { parseEnvelope, shapeOf } from './retailops-envelope.parser';
import { documentedExample, sdkExample } from './testing/retailops-examples.fixture';

describe('parseEnvelope', () => {
  it('reads the document example and the SDK example', () => {
    expect(parseEnvelope(documentedExample())).toEqual({
      ok: true,
      value: { shape: 'documented', action: 'inventory_push', version: 1, clientId: 1, channelId: 21 },
    });
    expect(parseEnvelope(sdkExample())).toEqual({
      ok: true,
      value: { shape: 'sdk', action: 'inventory_push', version: 1, clientId: 497, channelId: 21 },
    });
  });

  it('tells the shapes apart by their keys', () => {
    expect(shapeOf({ data: {} })).toBe('documented');
    expect(shapeOf({ data: {}, inventory_updates: [] })).toBe('sdk');
    expect(shapeOf({})).toBe('sdk');
  });

  it.each([
    [{ ...sdkExample(), action: 7 }, 'action', 'must be a string'],
    [{ ...sdkExample(), version: '1' }, 'version', 'must be an integer'],
    [{ ...sdkExample(), client_id: 4.5 }, 'client_id', 'must be an integer'],
    [{ ...sdkExample(), channel_info: [] }, 'channel_info', 'must be an object'],
    [{ ...sdkExample(), channel_info: { id: 'x' } }, 'channel_info.id', 'must be an integer'],
    [{ ...documentedExample(), data: { client_id: 1 } }, 'data.channel', 'is required'],
    [{ ...documentedExample(), data: null }, 'data', 'must be an object'],
  ])('names the field and the problem (%#)', (body, field, message) => {
    const result = parseEnvelope(body as Record<string, unknown>);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe(field);
      expect(result.error.message).toContain(message);
    }
  });

  it('leaves the SDK channel id out when channel_info has none (the schema does not require it)', () => {
    const result = parseEnvelope({ ...sdkExample(), channel_info: {} });
    expect(result.ok && result.value.channelId).toBeNull();
  });
});

describe('parseEnvelope and text Tally never accepts', () => {
  it('refuses a NUL or a lone surrogate outside the SKUs, in either shape, and leaves the SKUs to parseSkus', () => {
    expect(parseEnvelope({ ...sdkExample(), action: 'inventory_push\u0000' })).toEqual({
      ok: false,
      error: { field: 'action', message: 'must not contain a NUL character (U+0000)' },
    });
    expect(parseEnvelope({ ...sdkExample(), channel_info: { id: 21, name: '\uD800' } })).toMatchObject({ ok: false, error: { field: 'channel_info.name' } });
    const documented = documentedExample() as { data: Record<string, unknown> };
    expect(parseEnvelope({ ...documented, data: { ...documented.data, note: 'x\u0000' } })).toMatchObject({ ok: false, error: { field: 'data.note' } });
    expect(parseEnvelope({ ...sdkExample(), inventory_updates: [{ sku: 'x\u0000' }] }).ok).toBe(true);
    const sku = { ...(documented.data['inventory'] as { data: object }).data, sku: 'x\u0000' };
    expect(parseEnvelope({ ...documented, data: { ...documented.data, inventory: { data: sku } } }).ok).toBe(true);
  });
});
