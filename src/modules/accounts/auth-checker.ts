import { AuthCheckerInterface, ResolverData } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../../errors';
import type { Context } from '../../context';
import { Role, roleIncludes } from './role';

/**
 * Coarse role check behind `@Authorized(...)`: the public is refused with UNAUTHENTICATED, members
 * lacking every listed role with FORBIDDEN. Per-organisation checks live in each module's policy.
 */
export class RoleAuthChecker implements AuthCheckerInterface<Context, Role> {
  check({ context }: ResolverData<Context>, roles: Role[]): boolean {
    const { viewer } = context;
    if (viewer.kind === 'public') throw new UnauthenticatedError();
    if (roles.length && !roles.some((role) => roleIncludes(viewer.role, role))) {
      throw new ForbiddenError(`This operation needs one of the roles ${roles.join(', ')}; your token has ${viewer.role}.`);
    }
    return true;
  }
}
