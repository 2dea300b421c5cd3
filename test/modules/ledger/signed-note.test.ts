import {
  formatSignerKey, formatVerifierKey, generateNoteKey, NoteKeyError, noteKeyFromSeed, noteKeyId, parseSignerKey, parseVerifierKey,
} from '../../../src/modules/ledger/note-keys';
import { NoteError, openNote, parseNote, signNote } from '../../../src/modules/ledger/note';

// Known answers from the public test keys of golang.org/x/mod/sumdb/note (note_test.go) and the
// example in the C2SP signed-note spec; then round trips and tampering with generated keys.

const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('known answers', () => {
  test('the Go signer key derives the Go verifier key and key id', () => {
    const key = parseSignerKey(PETER_SKEY);
    expect(key.keyId).toBe(0xc74f20a3);
    expect(noteKeyId(key.name, key.publicKey)).toBe(0xc74f20a3);
    expect(formatVerifierKey(key)).toBe(PETER_VKEY);
    expect(formatSignerKey(key)).toBe(PETER_SKEY);
    expect(parseVerifierKey(PETER_VKEY)).toEqual({ name: 'PeterNeumann', keyId: 0xc74f20a3, publicKey: key.publicKey });
  });

  test('signing reproduces the Go note byte for byte', () => {
    expect(signNote(TEXT, [parseSignerKey(PETER_SKEY)])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  test('opening the Go note with one or both known keys', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    const enoch = parseVerifierKey(ENOCH_VKEY);
    const one = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
    expect(one.text).toBe(TEXT);
    expect(one.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(one.unknown.map((s) => [s.name, s.keyId])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    const both = openNote(Buffer.from(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`), [peter, enoch]);
    expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  test('the C2SP signed-note spec example verifies', () => {
    const vkey = parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
    const note =
      'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    expect(openNote(note, [vkey]).text).toBe('This is an example message.\n');
  });

  test('every truncation or one-byte change of a verifier key is refused', () => {
    const bad: string[] = [];
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++) {
        if (i !== 0 || j !== PETER_VKEY.length) bad.push(PETER_VKEY.slice(i, j));
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      bad.push(PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1));
    }
    bad.push('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==');
    bad.push('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    const accepted = bad.filter((k) => {
      try {
        parseVerifierKey(k);
        return true;
      } catch (error) {
        return !(error instanceof NoteKeyError);
      }
    });
    expect(accepted).toEqual([]);
  });

  test('malformed notes are refused (the Go suite)', () => {
    const peter = [parseVerifierKey(PETER_VKEY)];
    const bad: Array<string | Buffer> = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      Buffer.concat([Buffer.of(0xff), Buffer.from(`${TEXT}\n${PETER_SIG}`)]),
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
      `${TEXT}\n${PETER_SIG.replace('\u2014', '-')}`,
      `${TEXT}\n${PETER_SIG.replace('PeterNeumann ', 'PeterNeumann  ')}`,
    ];
    for (const note of bad) expect(() => openNote(note, peter)).toThrow(NoteError);
  });

  test('a bad signature by a known key is refused, even beside a good one', () => {
    const peter = [parseVerifierKey(PETER_VKEY)];
    const broken = PETER_SIG.slice(0, 60) + 'ABCD' + PETER_SIG.slice(60);
    expect(() => openNote(`${TEXT}\n${broken}`, peter)).toThrow(/invalid signature for key PeterNeumann\+c74f20a3/);
    expect(() => openNote(`${TEXT}\n${PETER_SIG}${broken}`, peter)).toThrow(NoteError);
  });
});

describe('generated keys', () => {
  const key = generateNoteKey('registry.example/log');
  const verifier = parseVerifierKey(formatVerifierKey(key));
  const note = signNote('hello\nworld\n', [key]);

  test('round trip through the key strings and the note', () => {
    expect(parseSignerKey(formatSignerKey(key))).toEqual(key);
    expect(noteKeyFromSeed(key.name, key.seed)).toEqual(key);
    expect(openNote(note, [verifier]).text).toBe('hello\nworld\n');
  });

  test('a tampered body is refused', () => {
    expect(() => openNote(note.replace('world', 'w0rld'), [verifier])).toThrow(/invalid signature/);
  });

  test('a tampered signature is refused', () => {
    const { signatures } = parseNote(note);
    const raw = Buffer.concat([Buffer.alloc(4), signatures[0].signature]);
    raw.writeUInt32BE(signatures[0].keyId);
    raw[10] ^= 1;
    const tampered = `hello\nworld\n\n\u2014 ${key.name} ${raw.toString('base64')}\n`;
    expect(() => openNote(tampered, [verifier])).toThrow(/invalid signature/);
  });

  test('another key name, another key under the same name, or no verifier at all: no known signature', () => {
    expect(() => openNote(note.replace('\u2014 registry.example/log', '\u2014 other.example/log'), [verifier])).toThrow(
      /no signature by a known key/,
    );
    const impostor = generateNoteKey('registry.example/log');
    expect(() => openNote(note, [parseVerifierKey(formatVerifierKey(impostor))])).toThrow(/no signature by a known key/);
    expect(() => openNote(note, [])).toThrow(/no signature by a known key/);
  });

  test('a signature under the key name with the wrong key is refused', () => {
    const impostor = generateNoteKey('registry.example/log');
    const forged = signNote('hello\nworld\n', [{ ...impostor, keyId: key.keyId }]);
    expect(() => openNote(forged, [verifier])).toThrow(/invalid signature/);
  });

  test('bad names, seeds and texts are refused when signing', () => {
    expect(() => generateNoteKey('a b')).toThrow(NoteKeyError);
    expect(() => generateNoteKey('a+b')).toThrow(NoteKeyError);
    expect(() => generateNoteKey('')).toThrow(NoteKeyError);
    expect(() => noteKeyFromSeed('ok', Buffer.alloc(31))).toThrow(NoteKeyError);
    expect(() => signNote('no newline', [key])).toThrow(NoteError);
    expect(() => signNote('tab\there\n', [key])).toThrow(NoteError);
    expect(() => signNote('fine\n', [])).toThrow(NoteError);
  });
});
