import fc from 'fast-check';

/** Characters that text fields must refuse or survive: NUL, C0/C1 controls, lone surrogates, invisible and bidi marks. */
const HOSTILE_CHARS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\u2028', '\ufeff', '\u200b', '\u202e', '\ud800', '\udfff'];

/** Text that breaks naive handling: empty, blank, controls, lone surrogates, markup, injection, emoji, combining marks. */
const HOSTILE_TEXTS = [
  '',
  ' ',
  '   ',
  '\t\n ',
  '\u3000',
  'a\u0000b',
  '\u001b[31mred',
  'x\udc00y',
  '\ud83d',
  '😀👨‍👩‍👧',
  'e\u0301\u0301\u0301',
  '<script>alert(1)</script>',
  "'; drop table platform; --",
  '%s%n%x',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '__proto__',
  'null',
  'NaN',
];

/** Lengths of very long text: under the body limit (but over any sane field limit) and over it. */
const HUGE_LENGTHS = [1_001, 10_000, 90_000, 200_000];

/** A hostile string; when `current` (the plausible value) is given, it may also be that value with a hostile character. */
export function hostileString(current?: unknown): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [
    fc.constantFrom(...HOSTILE_TEXTS),
    fc.constantFrom(...HOSTILE_CHARS),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
    fc.tuple(fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom('x', '中')).map(([n, c]) => c.repeat(n)),
  ];
  if (typeof current === 'string') {
    options.push(fc.constantFrom(...HOSTILE_CHARS).map((c) => `${current}${c}`));
    options.push(fc.constant(` ${current} `));
  }
  return fc.oneof(...options);
}

/** GraphQL `Int` values around the edges: zero, negatives, page bounds, 32-bit overflow, fractions. */
export const hostileInt: fc.Arbitrary<number> = fc.constantFrom(0, -1, 101, 1000, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 1.5, 1e21, Number.MAX_SAFE_INTEGER, -0);

/** Int64 values as strings (and a few numbers): the 64-bit bounds and past them, signs, exponents, non-ASCII digits. */
export const hostileInt64: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '9223372036854775807',
    '9223372036854775808',
    '-9223372036854775808',
    '-9223372036854775809',
    '99999999999999999999',
    '1.5',
    '1e3',
    '',
    ' 1',
    '0x10',
    '+1',
    '-0',
    '٣',
    '1_000',
    'Infinity',
  ),
  fc.constantFrom(5, 2 ** 53 + 1, -1, 1.5),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);

/** Timestamps: impossible calendar dates, year 0, extended years, leap seconds, missing zones, numbers. */
export const hostileDateTime: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '2031-02-30T00:00:00Z',
    '2019-02-29T00:00:00+08:00',
    '0000-01-01T00:00:00Z',
    '0000-12-31T23:59:59+08:00',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2019-13-01T00:00:00Z',
    '2019-05-01T24:00:00Z',
    '2019-05-01T00:00:60Z',
    '2019-05-01',
    '2019-05-01T00:00:00',
    '2019-05-01T00:00:00.123456789Z',
    '2019-05-01T00:00:00+14:00',
    '1970-01-01T00:00:00Z',
    '2099-01-01T00:00:00Z',
    'now',
    '',
  ),
  fc.constantFrom(1556668800000, 0),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** YYYY-MM periods: year 0, month 0 and 13, far future, wrong shapes, full-width digits. */
export const hostilePeriod: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0000-01', '0001-01', '1969-12', '2019-00', '2019-13', '2099-01', '9999-12', '2019-1', '201905', '2019-05-01', '-001-01', '２０１９-０５', ' 2019-05'),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 })).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
);

/** YYYY-MM-DD dates: impossible days (2031-02-30), year 0, non-leap 29ths, wrong shapes. */
export const hostileDay: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('2031-02-30', '0000-01-01', '2019-02-29', '2019-04-31', '9999-12-31', '2019-1-1', '20190501', '2019-05-01T00:00:00Z'),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
);

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors: `foreign` ones (issued by other lists or orders), tampered and hand-made ones, junk. */
export function hostileCursor(foreign: string[]): fc.Arbitrary<string> {
  const made = fc.constantFrom<unknown[]>([], [null], [null, null], ['x', 'y'], ['2019-13-45T00:00:00Z', 'plt_x'], [1e308, 'id'], [{}, []], ['', ''], ['\u0000', 'a'], ['x', 'y', 'z']);
  const options: fc.Arbitrary<string>[] = [
    fc.constantFrom('', 'x', '!!!', '%%%', '====', 'e30'),
    made.map(encode),
    fc.jsonValue({ maxDepth: 2 }).map(encode),
  ];
  if (foreign.length) {
    options.push(fc.constantFrom(...foreign));
    options.push(fc.tuple(fc.constantFrom(...foreign), fc.nat(), fc.constantFrom('A', '_', '-', '0')).map(([c, i, ch]) => c.slice(0, i % c.length) + ch + c.slice((i % c.length) + 1)));
  }
  return fc.oneof(...options);
}

/** Ids: empty, blank, a real id of the wrong kind (`known`), prefix-only, overlong, with NUL or a lone surrogate. */
export function hostileId(known: string[]): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [fc.constantFrom('', ' ', 'plt_', 'x', 'plt_' + 'x'.repeat(500), 'plt_\u0000', 'plt_\ud800', '0', '-1', '%', "' or 1=1 --")];
  if (known.length) options.push(fc.constantFrom(...known));
  return fc.oneof(...options);
}

/** Enum values that are not: lower case, padded, empty, unknown. */
export const hostileEnum: fc.Arbitrary<string> = fc.constantFrom('', 'lowercase', 'approved', 'APPROVED ', 'NOT_A_VALUE', '__proto__', '\u0000');

/** JSON values of the wrong type for whatever the schema expects. */
export const wrongType: fc.Arbitrary<unknown> = fc.constantFrom(null, 0, -1, 1.5, true, 'string', '', [], [null], {}, { a: 1 }, [[[]]]);

/** A JSON object nested `depth` levels deep (12,000 overflowed the import's recursion; JSON.stringify stops near 5,000). */
function deeplyNested(depth: number): object {
  let value: object = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  // fast-check prints counterexamples recursively: name the value instead
  return Object.assign(value, { [fc.toStringMethod]: () => `deeplyNested(${depth})` });
}

/** Hostile JSON leaves to plant inside otherwise valid JSON documents (e.g. import files). */
export const hostileJsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  wrongType,
  hostileInt64,
  hostilePeriod,
  hostileDay,
  hostileDateTime,
  hostileString(),
  fc.constantFrom(99999999999999999999, -5000, 1e308, 'UNKNOWN_KIND', 'unknown_kind', deeplyNested(4_000)),
);
