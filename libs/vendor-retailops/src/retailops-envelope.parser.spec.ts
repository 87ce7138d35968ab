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
