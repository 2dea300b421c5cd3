import { VerifyContext, Verified } from './outcome';
import { proveConsistency } from './proofs';
import { fetchSignedCheckpoint } from './signed-checkpoint';
import { loadCheckpoint, saveCheckpoint } from './state';

/**
 * `verify checkpoint`: verifies the latest checkpoint's signature and origin; if `stateFile` holds an
 * earlier one of the same log, proves the new one consistent with it (from tiles); then saves the new one.
 */
export async function checkCheckpoint(ctx: VerifyContext, stateFile: string): Promise<Verified> {
  const latest = await fetchSignedCheckpoint(ctx.client, ctx.verifier, ctx.origin);
  const saved = loadCheckpoint(stateFile, ctx.verifier, ctx.origin);
  if (saved) await proveConsistency(ctx.client, saved, latest);
  saveCheckpoint(stateFile, latest);
  const root = latest.root.toString('base64');
  return {
    lines: [
      `verified the checkpoint of ${latest.origin}: tree size ${latest.size}, root ${root}, signed by ${ctx.verifier.name}`,
      saved
        ? `consistent with the checkpoint saved earlier (tree size ${saved.size}); saved the new one in ${stateFile}`
        : `no earlier checkpoint of this log was saved; saved this one in ${stateFile}`,
    ],
    json: { origin: latest.origin, treeSize: latest.size, rootHash: root, previousTreeSize: saved?.size ?? null, stateFile },
  };
}
