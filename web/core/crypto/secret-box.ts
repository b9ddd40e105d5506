import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts short secrets at rest (SMTP passwords, gift card codes) with AES-256-GCM.
 *
 * The key is derived from the app secret with HKDF-SHA256 and a purpose label, so one leaked
 * purpose key (or a ciphertext moved between columns) opens nothing else. Output is
 * `v1:<iv>:<tag>:<ciphertext>`, base64url: compact, safe in any text column, and the version lets
 * a future key or algorithm coexist with stored values.
 */

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM standard nonce size; random per message
const TAG_BYTES = 16;
const KEY_BYTES = 32;
// A fixed salt is fine for HKDF when the input is already a high-entropy secret (RFC 5869 §3.1).
const SALT = Buffer.from('service-loyalty/secret-box', 'utf8');
const MIN_SECRET_LENGTH = 32;

export type SecretBoxErrorCode = 'MALFORMED' | 'UNSUPPORTED_VERSION' | 'TAMPERED';

export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface SecretBox {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
}

export function deriveKey(appSecret: string, purpose: string): Buffer {
  if (appSecret.length < MIN_SECRET_LENGTH) {
    throw new Error(`The app secret must be at least ${MIN_SECRET_LENGTH} characters long.`);
  }
  if (purpose.trim() === '') throw new Error('A secret box needs a purpose label.');
  return Buffer.from(hkdfSync('sha256', appSecret, SALT, `secret-box:${purpose}`, KEY_BYTES));
}

/** Binds the purpose as associated data too, so a value sealed for one purpose never opens as another. */
export function createSecretBox(appSecret: string, purpose: string): SecretBox {
  const key = deriveKey(appSecret, purpose);
  const aad = Buffer.from(purpose, 'utf8');

  return {
    encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':');
    },

    decrypt(sealed) {
      const parts = sealed.split(':');
      if (parts.length !== 4) throw new SecretBoxError('MALFORMED', 'The encrypted value is not in the v1:<iv>:<tag>:<ciphertext> format.');
      const [version, ivText, tagText, ciphertextText] = parts as [string, string, string, string];
      if (version !== VERSION) throw new SecretBoxError('UNSUPPORTED_VERSION', `Unsupported encrypted value version "${version}".`);
      const iv = decodePart(ivText);
      const tag = decodePart(tagText);
      const ciphertext = decodePart(ciphertextText);
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new SecretBoxError('MALFORMED', 'The encrypted value has a wrong nonce or tag length.');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // GCM cannot tell a changed byte from a wrong key or purpose; all mean "do not trust this".
        throw new SecretBoxError(
          'TAMPERED',
          'The encrypted value failed authentication: it was altered, or it was sealed with another key or purpose.',
        );
      }
    },
  };
}

function decodePart(text: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SecretBoxError('MALFORMED', 'The encrypted value is not base64url.');
  return Buffer.from(text, 'base64url');
}
