import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { ApiKey, ApiKeyRole } from '../model/tenancy.model';
import type { Clock, IdGenerator } from '../ports/clock.port';
import type { SecretHasher } from '../ports/secret-hasher.port';
import type { TenantRepository } from '../ports/tenancy-repository.port';

/** Length of the public part of a key that finds it in storage. */
export const API_KEY_PREFIX_LENGTH = 16;
/** Shortest key accepted, generated or supplied (TALLY_ADMIN_KEY). */
export const API_KEY_MIN_LENGTH = 32;

/** Who a valid bearer key speaks for. */
export interface Principal {
  readonly tenantId: string;
  readonly keyId: string;
  readonly role: ApiKeyRole;
}

/** An API key as listed: never its secret. */
export type ApiKeyView = Omit<ApiKey, 'secretHash'>;

/** Tenants, bootstrap and API keys: keys are shown once and stored hashed. */
export class ManageAccess {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /**
   * On a database without tenants, creates one with an admin key (the supplied one, for
   * automation, or a generated one) and answers the key once; otherwise does nothing.
   */
  async bootstrap(suppliedKey?: string): Promise<{ created: false } | { created: true; tenantId: string; adminKey: string }> {
    if ((await this.tenants.count()) > 0) return { created: false };
    if (suppliedKey !== undefined && suppliedKey.length < API_KEY_MIN_LENGTH) {
      throw new ApplicationError(ApplicationErrorCodes.validation, `TALLY_ADMIN_KEY must be at least ${API_KEY_MIN_LENGTH} characters`, 'TALLY_ADMIN_KEY');
    }
    const tenantId = this.ids.newId();
    await this.tenants.create({ id: tenantId, name: 'default', createdAt: this.clock.now().toISOString() });
    const { secret } = await this.createKey(tenantId, 'bootstrap admin', 'admin', suppliedKey);
    return { created: true, tenantId, adminKey: secret };
  }

  /** Creates a key; the secret is in the answer and nowhere else. */
  async createKey(tenantId: string, name: string, role: ApiKeyRole, supplied?: string): Promise<{ key: ApiKeyView; secret: string }> {
    const secret = supplied ?? `tly_${this.hasher.generate(9)}_${this.hasher.generate(24)}`;
    const key: ApiKey = {
      id: this.ids.newId(),
      tenantId,
      name,
      role,
      prefix: secret.slice(0, API_KEY_PREFIX_LENGTH),
      secretHash: await this.hasher.hash(secret),
      createdAt: this.clock.now().toISOString(),
      revokedAt: null,
    };
    await this.tenants.createApiKey(key);
    return { key: viewOf(key), secret };
  }

  /** The principal of a bearer key, or null when it is unknown, wrong or revoked. */
  async authenticate(presented: string): Promise<Principal | null> {
    if (presented.length < API_KEY_MIN_LENGTH || presented.length > 512) return null;
    const key = await this.tenants.findApiKeyByPrefix(presented.slice(0, API_KEY_PREFIX_LENGTH));
    if (!key || key.revokedAt) return null;
    return (await this.hasher.verify(presented, key.secretHash)) ? { tenantId: key.tenantId, keyId: key.id, role: key.role } : null;
  }

  async listKeys(tenantId: string): Promise<ApiKeyView[]> {
    return (await this.tenants.listApiKeys(tenantId)).map(viewOf);
  }

  async revokeKey(tenantId: string, keyId: string): Promise<void> {
    const done = await this.tenants.revokeApiKey(tenantId, keyId, this.clock.now().toISOString());
    if (!done) throw new ApplicationError(ApplicationErrorCodes.notFound, `no API key ${keyId}`, 'keyId');
  }
}

function viewOf(key: ApiKey): ApiKeyView {
  const { secretHash: _secretHash, ...view } = key;
  return view;
}
