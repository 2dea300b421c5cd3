import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Context } from '../../context';
import { Role } from '../accounts/role';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { importRecords, ImportResult } from './import-records';

/**
 * The file is checked by importRecords against the published import schema. The global class-validator
 * step has nothing to check in a JSON object, and throws on the null-prototype objects an inline literal becomes.
 */
const checkedByImport = () => undefined;

/** Association admins bring historical records in. */
@Resolver()
export class ImportResolver {
  @Authorized(Role.ASSOCIATION_ADMIN)
  @Mutation(() => ImportResult, { description: 'Imports one record file (a platform, its qualifications and filings, ctx) into your association, provenance IMPORTED.' })
  importRecords(@Arg('file', () => GraphQLJSONObject, { description: 'One record file in the import format (schema/import-record.schema.json).', validateFn: checkedByImport }) file: object, @Ctx() { em, viewer }: Context) {
    const admin = viewer as MemberViewer;
    return importRecords(em, admin.associationId as string, actorOf(admin), file);
  }
}
