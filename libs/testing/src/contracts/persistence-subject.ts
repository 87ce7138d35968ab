import { randomUUID } from 'node:crypto';
import type {
  AccessTokenRepository,
  Connection,
  ConnectionRepository,
  IdentityDiscrepancyRepository,
  InventoryReader,
  InventoryStore,
  Item,
  ItemRepository,
  JobQueue,
  Location,
  LocationRepository,
  PlaceNumberRepository,
  TenantRepository,
} from '@tally/inventory-application';

/**
 * The adapters of one persistence, sharing one state, as the contract suites use them: the
 * in-memory fakes, or the SQL adapters on one database.
 */
export interface PersistenceSubject {
  readonly tenants: TenantRepository;
  readonly connections: ConnectionRepository;
  readonly accessTokens: AccessTokenRepository;
  readonly items: ItemRepository;
  readonly identityDiscrepancies: IdentityDiscrepancyRepository;
  readonly locations: LocationRepository;
  readonly placeNumbers: PlaceNumberRepository;
  readonly store: InventoryStore;
  readonly reader: InventoryReader;
  readonly jobs: JobQueue;
  /** Releases what opening took (a database, a pool); the subject is unusable afterwards. */
  close(): Promise<void>;
}

/** Opens a fresh subject for one contract suite. */
export type OpenPersistenceSubject = () => Promise<PersistenceSubject>;

/** The first instant of the contract suites' calendar; `at(n)` is n seconds later. */
export const at = (seconds = 0): string => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();

/**
 * Opens a subject before the suite's tests and closes it after them; answers a getter, since the
 * subject exists only once `beforeAll` ran. Tests isolate themselves by tenant ({@link seedTenant}).
 */
export function useSubject(open: OpenPersistenceSubject): () => PersistenceSubject {
  let subject: PersistenceSubject | undefined;
  beforeAll(async () => {
    subject = await open();
  });
  afterAll(async () => {
    await subject?.close();
  });
  return () => {
    if (!subject) throw new Error('the contract subject is opened in beforeAll');
    return subject;
  };
}

/** A connection of a tenant, active, with unique credentials. */
export function newConnection(tenantId: string, overrides: Partial<Connection> = {}): Connection {
  return {
    id: randomUUID(),
    tenantId,
    dialect: 'canonical',
    name: 'contract connection',
    settings: { unknownItemPolicy: 'create', defaultLocationCode: null, priority: 0, options: {} },
    credentialId: `cred-${randomUUID()}`,
    secretHash: 'hash',
    status: 'active',
    createdAt: at(),
    rotatedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** A tenant of its own with some connections, items (`SKU-0`, ...) and locations (`LOC-0`, ...). */
export interface SeededTenant {
  readonly tenantId: string;
  readonly connections: Connection[];
  readonly items: Item[];
  readonly locations: Location[];
}

/** Creates a tenant through the subject's ports; every test seeds its own, so tests share nothing. */
export async function seedTenant(s: PersistenceSubject, counts: { items?: number; locations?: number; connections?: number } = {}): Promise<SeededTenant> {
  const tenantId = randomUUID();
  await s.tenants.create({ id: tenantId, name: `tenant ${tenantId}`, createdAt: at() });
  const connections: Connection[] = [];
  for (let i = 0; i < (counts.connections ?? 0); i++) {
    const connection = newConnection(tenantId, {
      name: `connection ${i}`,
      settings: { unknownItemPolicy: 'create', defaultLocationCode: null, priority: i, options: {} },
    });
    await s.connections.create(connection);
    connections.push(connection);
  }
  const skus = Array.from({ length: counts.items ?? 0 }, (_, i) => ({ sku: `SKU-${i}` }));
  const ids = await s.items.createMany(
    tenantId,
    skus.map((ref, i) => ({ identifiers: [ref], name: `Item ${i}` })),
    at(),
  );
  const items = await Promise.all(ids.map(async (id) => (await s.items.get(tenantId, id)) as Item));
  const codes = Array.from({ length: counts.locations ?? 0 }, (_, i) => `LOC-${i}`);
  const locations = await s.locations.ensureMany(tenantId, codes, 'warehouse', at());
  return { tenantId, connections, items, locations };
}
