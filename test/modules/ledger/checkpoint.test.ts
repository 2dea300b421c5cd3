import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from '../../../src/modules/ledger/checkpoint';
import { formatVerifierKey, generateNoteKey, parseVerifierKey } from '../../../src/modules/ledger/note-keys';
import { NoteError } from '../../../src/modules/ledger/note';
import { rootFromLeafHashes } from '../../../src/modules/ledger/compact-range';
import { emptyRoot, leafHash } from '../../../src/modules/ledger/merkle';

const ORIGIN = 'registry.example/log';
const key = generateNoteKey(ORIGIN);
const verifier = parseVerifierKey(formatVerifierKey(key));
const root = rootFromLeafHashes(['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s))));

test('the body is origin, decimal size and base64 root, each ending in a newline', () => {
  expect(formatCheckpoint({ origin: ORIGIN, size: 0, root: emptyRoot() })).toBe(
    'registry.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n',
  );
});

test('the C2SP tlog-checkpoint example body parses', () => {
  const text = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  const parsed = parseCheckpoint(text);
  const root = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');
  expect(parsed).toEqual({ origin: 'example.com/behind-the-sofa', size: 20852163, root });
  expect(formatCheckpoint(parsed)).toBe(text);
});

test('signed round trip, extension lines included', () => {
  const checkpoint = { origin: ORIGIN, size: 3, root };
  const note = signCheckpoint(checkpoint, key);
  expect(note.startsWith(`${ORIGIN}\n3\n${root.toString('base64')}\n\n\u2014 ${ORIGIN} `)).toBe(true);
  expect(openCheckpoint(note, [verifier], ORIGIN)).toEqual(checkpoint);
  const extended = { ...checkpoint, extensions: ['ext one'] };
  expect(openCheckpoint(signCheckpoint(extended, key), [verifier])).toEqual(extended);
});

test('tampering, another key or another origin is refused', () => {
  const note = signCheckpoint({ origin: ORIGIN, size: 3, root }, key);
  expect(() => openCheckpoint(note.replace('\n3\n', '\n4\n'), [verifier])).toThrow(/invalid signature/);
  expect(() => openCheckpoint(note, [parseVerifierKey(formatVerifierKey(generateNoteKey(ORIGIN)))])).toThrow(NoteError);
  expect(() => openCheckpoint(note, [verifier], 'other.example/log')).toThrow(/origin/);
});

test('malformed bodies are refused', () => {
  const r = root.toString('base64');
  for (const text of [
    `${ORIGIN}\n3\n${r}`,
    `${ORIGIN}\n03\n${r}\n`,
    `${ORIGIN}\n-3\n${r}\n`,
    `${ORIGIN}\n3.0\n${r}\n`,
    `${ORIGIN}\n99999999999999999999\n${r}\n`,
    `${ORIGIN}\n3\n${r.slice(0, -1)}\n`,
    `${ORIGIN}\n3\n${Buffer.alloc(31).toString('base64')}\n`,
    `${ORIGIN}\n3\n${r}\n\n`,
    `\n3\n${r}\n`,
    `${ORIGIN}\n3\n`,
  ]) {
    expect(() => parseCheckpoint(text)).toThrow(NoteError);
  }
  expect(() => formatCheckpoint({ origin: '', size: 1, root })).toThrow(NoteError);
  expect(() => formatCheckpoint({ origin: ORIGIN, size: 1.5, root })).toThrow(NoteError);
  expect(() => formatCheckpoint({ origin: ORIGIN, size: 1, root: Buffer.alloc(8) })).toThrow(NoteError);
  expect(() => formatCheckpoint({ origin: ORIGIN, size: 1, root, extensions: [''] })).toThrow(NoteError);
});
