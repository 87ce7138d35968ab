import type { SecretsConfig } from '../config/secrets.config';
import { AesGcmSecretCipher } from './aes-gcm-secret.cipher';
import { openManagedKeyFile, readOperatorKeyFile } from './secret-key.file';

/**
 * The API's secret cipher: the key from SECRETS_KEY, or SECRETS_KEY_FILE, or else the key file
 * in the data directory (created on the first start; `notice` is told so, with the key's id and
 * never the key).
 * @throws ConfigError when the key cannot be had.
 */
export function createSecretCipher(config: SecretsConfig, notice: (message: string) => void = () => undefined): AesGcmSecretCipher {
  let key = config.key ?? (config.keyFile === null ? null : readOperatorKeyFile(config.keyFile));
  let created = false;
  if (key === null) ({ key, created } = openManagedKeyFile(config.managedKeyFile));
  const cipher = new AesGcmSecretCipher(key, config.previousKeys);
  if (created) {
    notice(
      `created the secrets key file ${config.managedKeyFile} (key ${cipher.keyId}): back it up with the database; ` +
        'without it, the credentials stored for channels cannot be read',
    );
  }
  return cipher;
}
