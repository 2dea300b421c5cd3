import type { Context } from '../../context';
import type { Viewer } from '../accounts/viewer';
import type { Platform } from '../platforms/platform.entity';
import { seesEvaluationErrors } from '../platforms/platform.policy';
import type { Flag } from './flag.entity';

// Who sees a flag held for review (its rule version is marked reviewBeforePublication, no reviewer has confirmed it):
// the platform's own members and its association's members, any role; nobody else, anywhere. Every read of the
// flag table goes through the predicates below. Counts, scores and search count published flags only, whoever asks,
// so that a platform's figures are the same for everyone.

/** The action of the flag version a reviewer's confirmation publishes: the first public entry of a held flag. */
export const FLAG_PUBLISHED = 'flag.published';

/** Whether the viewer may see a flag about `platform`: anyone a published one; a held one, the platform and its association. */
export function seesFlag(viewer: Viewer, flag: Pick<Flag, 'heldForReview'>, platform: Pick<Platform, 'id' | 'association'>): boolean {
  return !flag.heldForReview || seesEvaluationErrors(viewer, platform);
}

/** The flags the viewer may see, in their order (held flags of other platforms left out). */
export async function visibleFlags({ loaders, viewer }: Context, flags: Flag[]): Promise<Flag[]> {
  const platforms = await Promise.all(flags.map((flag) => (flag.heldForReview ? loaders.platform.load(flag.platform.id) : null)));
  return flags.filter((flag, i) => !flag.heldForReview || (platforms[i] !== null && seesFlag(viewer, flag, platforms[i]!)));
}

/** A flag as the viewer may see it: null when there is none, or it is held and the viewer is not of its platform or association. */
export async function visibleFlag(context: Context, flag: Flag | null): Promise<Flag | null> {
  return flag && (await visibleFlags(context, [flag])).length ? flag : null;
}

/** SQL condition (over flag alias `g`) for published flags: what counts, scores and search read, whoever asks. */
export function publishedFlagSql(g: string): string {
  return `not ${g}.held_for_review`;
}

/** SQL condition (over flag alias `g`) for the flags the viewer may see (as seesFlag), with its parameters. */
export function visibleFlagSql(viewer: Viewer, g: string): { sql: string; params: string[] } {
  if (viewer.kind === 'member' && viewer.platformId) return { sql: `(not ${g}.held_for_review or ${g}.platform_id = ?)`, params: [viewer.platformId] };
  if (viewer.kind === 'member' && viewer.associationId) {
    return { sql: `(not ${g}.held_for_review or ${g}.platform_id in (select id from platform where association_id = ?))`, params: [viewer.associationId] };
  }
  return { sql: publishedFlagSql(g), params: [] };
}
