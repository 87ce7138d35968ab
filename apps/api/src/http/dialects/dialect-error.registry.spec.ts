import { DialectErrorRegistry, type DialectErrorRenderer } from './dialect-error.registry';

const renderer = (pathPrefix: string): DialectErrorRenderer => ({ pathPrefix, render: () => ({ status: 400, body: pathPrefix }) });

describe('DialectErrorRegistry', () => {
  it('finds the dialect of a path by its longest prefix, and none for canonical paths', () => {
    const registry = new DialectErrorRegistry();
    registry.register(renderer('/kibo/'));
    registry.register(renderer('/kibo/inv/'));
    expect(registry.find('/kibo/inv/api/v1/queue/1')?.pathPrefix).toBe('/kibo/inv/');
    expect(registry.find('/kibo/api/v5/inventory/refresh')?.pathPrefix).toBe('/kibo/');
    expect(registry.find('/api/v1/items')).toBeUndefined();
  });
});
