import { createSecretBox, deriveKey, SecretBoxError } from '../../../web/core/crypto/secret-box';

const SECRET = 'test-app-secret-0123456789abcdef0123456789';

function flipCharAt(text: string, index: number): string {
  const char = text[index];
  return text.slice(0, index) + (char === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

function expectSecretBoxError(run: () => unknown, code: SecretBoxError['code']): void {
  let thrown: unknown;
  try {
    run();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(SecretBoxError);
  expect((thrown as SecretBoxError).code).toBe(code);
}

describe('secret box', () => {
  const box = createSecretBox(SECRET, 'smtp-password');

  it('round-trips a secret, including non-ASCII text', () => {
    for (const plaintext of ['hunter2', '', 'pässwörd-🔑', 'x'.repeat(500)]) {
      expect(box.decrypt(box.encrypt(plaintext))).toBe(plaintext);
    }
  });

  it('produces a compact versioned base64url string v1:<iv>:<tag>:<ciphertext>', () => {
    const sealed = box.encrypt('ABCD-EFGH-JKLM-1234');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('ABCD');
  });

  it('uses a fresh nonce each time, so equal secrets do not give equal ciphertexts', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('refuses a ciphertext with a changed byte', () => {
    const sealed = box.encrypt('hunter2');
    const parts = sealed.split(':');
    const tamperedCiphertext = [parts[0], parts[1], parts[2], flipCharAt(parts[3] ?? '', 0)].join(':');
    expect(() => box.decrypt(tamperedCiphertext)).toThrow(/failed authentication/);
    expectSecretBoxError(() => box.decrypt(tamperedCiphertext), 'TAMPERED');
    expectSecretBoxError(() => box.decrypt([parts[0], flipCharAt(parts[1] ?? '', 3), parts[2], parts[3]].join(':')), 'TAMPERED');
    expectSecretBoxError(() => box.decrypt([parts[0], parts[1], flipCharAt(parts[2] ?? '', 3), parts[3]].join(':')), 'TAMPERED');
  });

  it('does not open a value sealed for another purpose', () => {
    const giftCards = createSecretBox(SECRET, 'gift-card-code');
    expectSecretBoxError(() => giftCards.decrypt(box.encrypt('hunter2')), 'TAMPERED');
  });

  it('does not open a value sealed with another app secret', () => {
    const other = createSecretBox(`${SECRET}-rotated`, 'smtp-password');
    expectSecretBoxError(() => other.decrypt(box.encrypt('hunter2')), 'TAMPERED');
  });

  it('rejects malformed input and unknown versions with a clear error', () => {
    expectSecretBoxError(() => box.decrypt('not encrypted'), 'MALFORMED');
    expectSecretBoxError(() => box.decrypt('v1:a:b'), 'MALFORMED');
    expectSecretBoxError(() => box.decrypt('v1:!!:b:c'), 'MALFORMED');
    expectSecretBoxError(() => box.decrypt('v1:AAAA:AAAA:AAAA'), 'MALFORMED');
    expectSecretBoxError(() => box.decrypt(box.encrypt('x').replace(/^v1:/, 'v2:')), 'UNSUPPORTED_VERSION');
  });

  it('derives different 256-bit keys per purpose from one app secret', () => {
    const a = deriveKey(SECRET, 'smtp-password');
    const b = deriveKey(SECRET, 'gift-card-code');
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
    expect(a.equals(deriveKey(SECRET, 'smtp-password'))).toBe(true);
  });

  it('refuses a short app secret or an empty purpose', () => {
    expect(() => createSecretBox('too-short', 'smtp-password')).toThrow(/at least 32/);
    expect(() => createSecretBox(SECRET, ' ')).toThrow(/purpose/);
  });
});
