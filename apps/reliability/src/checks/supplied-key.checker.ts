import { createHash, scryptSync } from 'node:crypto';
import { freshTenant, unique, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';
import { findInDatabase, selectRows } from './credentials.checker';

// Memory scrypt must use per guess for a guessable key to be slow on GPUs too: 16 MiB (N·r·128 bytes).
const MIN_SCRYPT_BYTES = 16 * 1024 * 1024;
const SHA256_GUESSES = 20_000;
const SCRYPT_GUESSES = 3;

/** What check 7 found of the supplied TALLY_ADMIN_KEY at rest. */
export interface SuppliedKeyFigures {
  /** The scheme of the stored verifier (`scrypt`, `sha256`, ...). */
  readonly verifier: string;
  readonly scryptMemoryMiB: number | null;
  /** Places where the key, its first 16 characters or an unkeyed SHA-256 of it were found. */
  readonly foundInDatabase: readonly string[];
  /** The key's public id as listed. */
  readonly listedId: string;
  /** What one offline guess costs against the stored verifier, and against a SHA-256 (figures, not asserted). */
  readonly msPerGuessStored: number;
  readonly msPerGuessSha256: number;
}

/**
 * Check 7, supplied key (ADR 0045): the operator-chosen TALLY_ADMIN_KEY of the deployment leaves
 * nothing in the database to guess against: not the key, not its first 16 characters, not an
 * unkeyed digest; its verifier is scrypt with at least 16 MiB per guess; it is listed by an id
 * that is no part of it.
 */
export async function checkSuppliedKeyAtRest(deployment: Deployment): Promise<{ figures: SuppliedKeyFigures; violations: string[] }> {
  const key = deployment.adminKey;
  const sha = createHash('sha256').update(key, 'utf8').digest();
  const needles = [key, key.slice(0, 16), sha.toString('base64url'), sha.toString('hex'), sha.toString('base64')];
  const foundInDatabase = await findInDatabase(deployment, needles);
  const [row] = await selectRows(deployment, "SELECT prefix, secret_hash, role FROM api_keys WHERE name = 'bootstrap admin'");
  const stored = String(row?.['secret_hash'] ?? '');
  const verifier = stored.split(':', 1)[0];
  const params = verifier === 'scrypt' ? stored.split(':').slice(1, 4).map(Number) : null;
  const scryptMemoryMiB = params ? (128 * params[0] * params[1]) / 1024 / 1024 : null;
  const listed = (await deployment.admin()('GET', '/api/v1/api-keys')).body.items as { name: string; prefix: string }[];
  const listedId = listed.find((k) => k.name === 'bootstrap admin')?.prefix ?? '';

  const violations: string[] = [];
  if (!row) violations.push('no bootstrap key row found');
  for (const place of foundInDatabase) violations.push(`the supplied admin key (or its prefix or digest) is in ${place}`);
  if (verifier !== 'scrypt') violations.push(`the supplied admin key's verifier is ${verifier || 'missing'}, not scrypt`);
  else if ((scryptMemoryMiB ?? 0) * 1024 * 1024 < MIN_SCRYPT_BYTES) violations.push(`scrypt uses ${scryptMemoryMiB} MiB per guess, under 16`);
  if (!listedId || key.includes(listedId)) violations.push(`the listed id "${listedId.slice(0, 6)}…" is part of the key`);
  if (row && String(row['role']) !== 'operator') violations.push(`the bootstrap key's role is ${String(row['role'])}, not operator`);

  return {
    figures: { verifier, scryptMemoryMiB, foundInDatabase, listedId, msPerGuessStored: costOfGuess(stored), msPerGuessSha256: sha256Cost() },
    violations,
  };
}

/**
 * Tenant creation is the operator's (ADR 0045): a tenant's own admin key is refused with 403
 * AUTH.OPERATOR_REQUIRED, and the operator (the deployment's bootstrap key) is answered 201.
 */
export async function checkTenantCreation(deployment: Deployment): Promise<{ byTenantAdmin: string; byOperator: number; violations: string[] }> {
  const tenant = await freshTenant(deployment);
  const refused = await tenant.admin('POST', '/api/v1/tenants', { json: { name: unique('by-tenant-admin') } });
  const opened = await deployment.admin()('POST', '/api/v1/tenants', { json: { name: unique('by-operator') } });
  if (opened.status === 201) recordSecret(opened.body.adminKey.secret);
  if (refused.status === 201) recordSecret(refused.body.adminKey.secret);
  const violations: string[] = [];
  if (refused.status !== 403 || refused.body.code !== 'AUTH.OPERATOR_REQUIRED') {
    violations.push(`a tenant's admin key opening a tenant: ${refused.status} ${refused.body?.code ?? ''}, not 403 AUTH.OPERATOR_REQUIRED`);
  }
  if (opened.status !== 201) violations.push(`the operator key opening a tenant: ${opened.status}, not 201`);
  return { byTenantAdmin: `${refused.status} ${refused.body?.code ?? ''}`.trim(), byOperator: opened.status, violations };
}

/** Milliseconds one wrong guess costs against `stored` (scrypt with its own parameters, or SHA-256). */
function costOfGuess(stored: string): number {
  const parts = stored.split(':');
  if (parts[0] !== 'scrypt' || parts.length !== 6) return sha256Cost();
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const started = performance.now();
  for (let i = 0; i < SCRYPT_GUESSES; i++) scryptSync(`guess-${i}`, salt, 32, { N, r, p, maxmem: 256 * N * r });
  return round((performance.now() - started) / SCRYPT_GUESSES);
}

function sha256Cost(): number {
  const started = performance.now();
  for (let i = 0; i < SHA256_GUESSES; i++) createHash('sha256').update(`guess-${i}`).digest();
  return round((performance.now() - started) / SHA256_GUESSES);
}

function round(ms: number): number {
  return Number(ms.toPrecision(3));
}
