import { parseArgs } from 'node:util';
import { NoteKeyError, parseVerifierKey } from '../../modules/ledger/note-keys';
import { checkCheckpoint } from './check-checkpoint';
import { checkEntry } from './check-entry';
import { LogAccessError, VerificationFailure, VerifyUsageError } from './errors';
import { logClient } from './log-client';
import { VerifyContext, Verified } from './outcome';
import { replayLog } from './replay';
import { fetchSignedCheckpoint } from './signed-checkpoint';

/** What `npm run registry -- verify` prints when the command line is wrong. */
export const VERIFY_USAGE = `Usage: npm run registry -- verify <check> --url URL --key VKEY [--origin O] [--json]

Checks the registry's public log at URL (e.g. http://127.0.0.1:4000) over HTTP; needs no database.
VKEY is the log's verifier key: \`npm run registry -- log-key\` on the server, or \`query { logVerifierKey }\`.
Signatures are checked and proofs computed here, from the log's tiles; nothing the server computes is trusted.

Checks:
  checkpoint [--state FILE]               the latest checkpoint's signature and origin; if FILE (default
                                          .registry-verify.json) holds an earlier checkpoint of this log, that the
                                          log only grew since (consistency proof); then saves the new one in FILE
  entry --type T --id ID [--version N]    that a record version (default: the latest) is in the log: its entry is
                                          canonical JSON naming it, and included in the signed tree
  replay                                  every entry, leaf hash, subtree hash and the root, up to the latest
                                          checkpoint; reports the first log index where anything differs

Options:
  --origin O    the log's origin line (default: the verifier key's name)
  --json        print one JSON object instead of lines

Exit codes: 0 verified, 1 verification failed (the message says what and where), 2 usage or network error.`;

const DEFAULT_STATE_FILE = '.registry-verify.json';

type Options = Record<string, string | boolean | undefined>;

function need(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new VerifyUsageError(`--${name} is required`);
  return value;
}

const CHECKS: Record<string, (ctx: VerifyContext, options: Options) => Promise<Verified>> = {
  checkpoint: (ctx, o) => checkCheckpoint(ctx, typeof o.state === 'string' ? o.state : DEFAULT_STATE_FILE),
  entry: (ctx, o) => {
    const version = o.version === undefined ? undefined : Number(o.version);
    if (version !== undefined && !(Number.isSafeInteger(version) && version >= 1)) throw new VerifyUsageError('--version is a whole number from 1');
    return checkEntry(ctx, { type: need(o, 'type'), id: need(o, 'id'), version });
  },
  replay: async (ctx) => {
    const started = Date.now();
    const checkpoint = await fetchSignedCheckpoint(ctx.client, ctx.verifier, ctx.origin);
    const { entries, tiles, root } = await replayLog(ctx.client, checkpoint);
    const seconds = (Date.now() - started) / 1000;
    return {
      lines: [
        `replayed ${entries} entries of ${checkpoint.origin} (${tiles} tiles and bundles, ${seconds.toFixed(1)} s):`,
        'every entry is canonical JSON, every leaf and subtree hash in the tiles matches the entries,',
        `and they give root ${root.toString('base64')} of the checkpoint signed by ${ctx.verifier.name}`,
      ],
      json: { origin: checkpoint.origin, treeSize: entries, rootHash: root.toString('base64'), tiles, seconds },
    };
  },
};

function parse(argv: string[]): { check: string; options: Options; ctx: VerifyContext } {
  const [check, ...rest] = argv;
  if (!check || !CHECKS[check]) throw new VerifyUsageError(check ? `Unknown check "${check}".` : 'Name a check.');
  let options: Options;
  try {
    const string = { type: 'string' } as const;
    options = parseArgs({
      args: rest,
      options: { url: string, key: string, origin: string, state: string, type: string, id: string, version: string, json: { type: 'boolean' } },
    }).values;
  } catch (error) {
    throw new VerifyUsageError((error as Error).message);
  }
  let verifier;
  try {
    verifier = parseVerifierKey(need(options, 'key'));
  } catch (error) {
    if (error instanceof NoteKeyError) throw new VerifyUsageError(`--key: ${error.message}`);
    throw error;
  }
  const url = need(options, 'url');
  if (!/^https?:\/\/[^/]/.test(url)) throw new VerifyUsageError('--url is an http:// or https:// URL');
  const origin = typeof options.origin === 'string' ? options.origin : verifier.name;
  return { check, options, ctx: { client: logClient(url), verifier, origin } };
}

/** Where the verifier writes: result lines (stdout) and problems (stderr). */
export interface VerifyOutput {
  out(line: string): void;
  err(line: string): void;
}

const CONSOLE: VerifyOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * Runs `verify <check> ...` (argv after `verify`) and returns the exit code: 0 verified, 1 verification
 * failed, 2 usage or network error. With `--json`, prints one JSON object: `{ ok, check, ... }`.
 */
export async function runVerify(argv: string[], output: VerifyOutput = CONSOLE): Promise<number> {
  const json = argv.includes('--json');
  const report = (code: number, result: Record<string, unknown>, lines: string[], toErr: boolean): number => {
    if (json) output.out(JSON.stringify({ ok: code === 0, ...result }));
    else lines.forEach((line) => (toErr ? output.err(line) : output.out(line)));
    return code;
  };
  try {
    const { check, options, ctx } = parse(argv);
    const { lines, json: result } = await CHECKS[check](ctx, options);
    return report(0, { check, ...result }, lines, false);
  } catch (error) {
    if (error instanceof VerificationFailure) {
      return report(1, { check: argv[0], error: error.message, ...error.details }, [`VERIFICATION FAILED: ${error.message}`], true);
    }
    if (error instanceof VerifyUsageError) {
      const help = CHECKS[argv[0]] ? ['run `npm run registry -- verify` for help'] : ['', VERIFY_USAGE];
      return report(2, { error: error.message }, [error.message, ...help], true);
    }
    if (error instanceof LogAccessError) return report(2, { check: argv[0], error: error.message }, [`cannot verify: ${error.message}`], true);
    throw error;
  }
}
