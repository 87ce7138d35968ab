import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { ApiKey, ApiKeyRole, Tenant } from '../model/tenancy.model';
import type { ChosenSecretHasher } from '../ports/chosen-secret-hasher.port';
import type { Clock, IdGenerator } from '../ports/clock.port';
import type { SecretHasher } from '../ports/secret-hasher.port';
import type { TenantRepository } from '../ports/tenancy-repository.port';
import type { CredentialCaching } from './credential-answers.cache';

/** Length of a key's public id (`tly_` and 12 characters), the part of a generated key that finds it in storage. */
export const API_KEY_PREFIX_LENGTH = 16;
/** The shape of a public key id Tally generates; a stored prefix of any other shape is a supplied key's own characters. */
export const API_KEY_ID_PATTERN = /^tly_[A-Za-z0-9_-]{12}$/;
/** Shortest key accepted, generated or supplied (TALLY_ADMIN_KEY). */
export const API_KEY_MIN_LENGTH = 32;

/** Most characters of a tenant's or a key's name. */
export const ACCESS_NAME_MAX_LENGTH = 100;

/** A key just created: its view and its secret, shown once. */
export interface CreatedApiKey {
  readonly key: ApiKeyView;
  readonly secret: string;
}

/** Who a valid bearer key speaks for. */
export interface Principal {
  readonly tenantId: string;
  readonly keyId: string;
  readonly role: ApiKeyRole;
}

/** An API key as listed: never its secret nor what finds it. */
export type ApiKeyView = Omit<ApiKey, 'secretHash' | 'lookupDigest'>;

/**
 * Tenants, bootstrap and API keys: keys are shown once and stored hashed. A generated key
 * (`tly_<id>_<secret>`, 192 random bits after its id) is found by its id and checked with the fast
 * {@link SecretHasher}; a supplied one, maybe guessable, is found by a keyed digest and checked
 * with the slow {@link ChosenSecretHasher}, and none of its characters is stored (ADR 0045).
 */
export class ManageAccess {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly chosen: ChosenSecretHasher,
    /** Keeps valid keys' principals in memory and announces revocations to every process (ADR 0048). */
    private readonly caching: CredentialCaching | null = null,
  ) {}

  /**
   * On a database without tenants, creates one with an operator key (the supplied one, for
   * automation, or a generated one), both in one transaction, and answers the key once.
   * Otherwise (or when a concurrent start created the first tenant meanwhile) creates nothing
   * and answers whether a supplied key is an active key here (checking it upgrades one stored the
   * old way, as its next use would).
   */
  async bootstrap(suppliedKey?: string): Promise<{ created: false; suppliedKeyFound?: boolean } | { created: true; tenantId: string; adminKey: string }> {
    if ((await this.tenants.count()) === 0) {
      if (suppliedKey !== undefined && suppliedKey.length < API_KEY_MIN_LENGTH) {
        throw new ApplicationError(ApplicationErrorCodes.validation, `TALLY_ADMIN_KEY must be at least ${API_KEY_MIN_LENGTH} characters`, 'TALLY_ADMIN_KEY');
      }
      const tenantId = this.ids.newId();
      const { key, secret } = await this.newKey(tenantId, 'bootstrap admin', 'operator', suppliedKey);
      if (await this.tenants.createFirst({ id: tenantId, name: 'default', createdAt: this.clock.now().toISOString() }, key)) {
        return { created: true, tenantId, adminKey: secret };
      }
    }
    return suppliedKey === undefined ? { created: false } : { created: false, suppliedKeyFound: (await this.authenticate(suppliedKey)) !== null };
  }

  /**
   * Opens a tenant with its first key, shown once: an admin key, or on a database without
   * tenants an operator key stored with the tenant in one transaction, as the first start's
   * {@link bootstrap} does, so the operator who opens the first tenant can open the next ones.
   * @throws ApplicationError (`REQUEST.INVALID`, field `name`) for a blank or too long name.
   */
  async createTenant(name: string): Promise<{ tenant: Tenant; adminKey: CreatedApiKey }> {
    const tenant: Tenant = { id: this.ids.newId(), name: checkedName(name, 'name'), createdAt: this.clock.now().toISOString() };
    if ((await this.tenants.count()) === 0) {
      const { key, secret } = await this.newKey(tenant.id, 'bootstrap admin', 'operator');
      if (await this.tenants.createFirst(tenant, key)) return { tenant, adminKey: { key: viewOf(key), secret } };
    }
    await this.tenants.create(tenant);
    return { tenant, adminKey: await this.createKey(tenant.id, 'initial admin', 'admin') };
  }

  /**
   * Creates a key; the secret is in the answer and nowhere else.
   * @throws ApplicationError `REQUEST.INVALID` naming `name` (blank or too long), or `RESOURCE.NOT_FOUND` naming `tenantId`.
   */
  async createKey(tenantId: string, name: string, role: ApiKeyRole, supplied?: string): Promise<CreatedApiKey> {
    checkedName(name, 'name');
    if (!(await this.tenants.get(tenantId))) throw new ApplicationError(ApplicationErrorCodes.notFound, `no tenant ${tenantId}`, 'tenantId');
    const { key, secret } = await this.newKey(tenantId, name, role, supplied);
    await this.tenants.createApiKey(key);
    return { key: viewOf(key), secret };
  }

  /** A key and its secret, not yet stored. */
  private async newKey(tenantId: string, name: string, role: ApiKeyRole, supplied?: string): Promise<{ key: ApiKey; secret: string }> {
    const secret = supplied ?? `tly_${this.hasher.generate(9)}_${this.hasher.generate(24)}`;
    const key: ApiKey = {
      id: this.ids.newId(),
      tenantId,
      name,
      role,
      prefix: supplied === undefined ? secret.slice(0, API_KEY_PREFIX_LENGTH) : `tly_${this.hasher.generate(9)}`,
      ...(supplied === undefined ? { lookupDigest: null, secretHash: await this.hasher.hash(secret) } : await this.suppliedVerifier(secret)),
      createdAt: this.clock.now().toISOString(),
      revokedAt: null,
    };
    return { key, secret };
  }

  /**
   * The principal of a bearer key, or null when it is unknown, wrong or revoked. A valid key's
   * answer may come from memory: a revocation anywhere empties it (ADR 0048).
   */
  async authenticate(presented: string): Promise<Principal | null> {
    if (presented.length < API_KEY_MIN_LENGTH || presented.length > 512) return null;
    const cache = this.caching?.cache;
    if (!cache) return this.authenticateStored(presented);
    // A digest, not the key: memory dumps show no key. Supplied keys are long enough (32+) that this is no offline oracle.
    return cache.answer(`key\u0000${this.hasher.digest(presented)}`, async () => {
      const principal = await this.authenticateStored(presented);
      return principal && { value: principal };
    });
  }

  /** {@link authenticate} against the database. */
  private async authenticateStored(presented: string): Promise<Principal | null> {
    // A generated key, or a supplied one stored before ADR 0045 (by its first characters, fast-hashed).
    const byPrefix = await this.tenants.findApiKeyByPrefix(presented.slice(0, API_KEY_PREFIX_LENGTH));
    if (byPrefix && byPrefix.lookupDigest === null) {
      if (byPrefix.revokedAt || !(await this.hasher.verify(presented, byPrefix.secretHash))) return null;
      if (!API_KEY_ID_PATTERN.test(byPrefix.prefix)) await this.upgradeSupplied(byPrefix, presented);
      return principalOf(byPrefix);
    }
    const digests = this.chosen.lookupDigests(presented);
    for (const [index, digest] of digests.entries()) {
      const key = await this.tenants.findApiKeyByLookupDigest(digest);
      if (!key) continue;
      if (key.revokedAt || !(await this.chosen.verify(presented, key.secretHash))) return null;
      // Found under an older server-side key: file it under the current one.
      if (index > 0) await this.tenants.replaceApiKeyVerifier(key.id, { prefix: key.prefix, lookupDigest: digests[0], secretHash: key.secretHash });
      return principalOf(key);
    }
    return null;
  }

  async listKeys(tenantId: string): Promise<ApiKeyView[]> {
    return (await this.tenants.listApiKeys(tenantId)).map(viewOf);
  }

  async revokeKey(tenantId: string, keyId: string): Promise<void> {
    const done = await this.tenants.revokeApiKey(tenantId, keyId, this.clock.now().toISOString());
    if (!done) throw new ApplicationError(ApplicationErrorCodes.notFound, `no API key ${keyId}`, 'keyId');
    await this.caching?.changes.publish();
  }

  private async suppliedVerifier(secret: string): Promise<Pick<ApiKey, 'lookupDigest' | 'secretHash'>> {
    return { lookupDigest: this.chosen.lookupDigests(secret)[0], secretHash: await this.chosen.hash(secret) };
  }

  /** A supplied key stored the old way, just verified: from now on found by a keyed digest, slow-hashed, with a random id. */
  private async upgradeSupplied(key: ApiKey, secret: string): Promise<void> {
    await this.tenants.replaceApiKeyVerifier(key.id, { prefix: `tly_${this.hasher.generate(9)}`, ...(await this.suppliedVerifier(secret)) });
  }
}

/** A name trimmed, or the validation error naming `field`. */
function checkedName(name: string, field: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new ApplicationError(ApplicationErrorCodes.validation, `${field} must not be blank`, field);
  if (trimmed.length > ACCESS_NAME_MAX_LENGTH) {
    throw new ApplicationError(ApplicationErrorCodes.validation, `${field} must be at most ${ACCESS_NAME_MAX_LENGTH} characters`, field);
  }
  return trimmed;
}

function principalOf(key: ApiKey): Principal {
  return { tenantId: key.tenantId, keyId: key.id, role: key.role };
}

function viewOf(key: ApiKey): ApiKeyView {
  const { secretHash: _secretHash, lookupDigest: _lookupDigest, ...view } = key;
  return view;
}
