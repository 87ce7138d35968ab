// What Tally's processes read from their environment (shared by the API and the command line).
export * from './config/app.config';
export * from './config/env.reader';
export * from './config/http-limits.config';
export * from './config/log-format.config';
export * from './config/secrets.config';
export * from './config/session.config';
export * from './config/tenant-rate.config';
export * from './config/trust-proxy.config';
export * from './config/unsafe-test-mode';
// The Node adapters of the clock and secrets ports, and the factories that choose them.
export * from './adapters/aes-gcm-secret.cipher';
export * from './adapters/chosen-secret-hasher.factory';
export * from './adapters/scrypt-chosen-secret.hasher';
export * from './adapters/secret-cipher.factory';
export * from './adapters/secret-hasher.factory';
export * from './adapters/secret-key.file';
export * from './adapters/sha256-secret.hasher';
export * from './adapters/system.clock';
export * from './adapters/unsafe-chosen-secret.hasher';
export * from './adapters/unsafe-clear-text-secret.hasher';
export * from './adapters/apply-stock-batch.factory';
