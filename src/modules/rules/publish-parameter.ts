import { IsPeriod } from '../../shared/period';
import { EntityManager } from '@mikro-orm/postgresql';
import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { badInput } from '../../errors';
import { Int64 } from '../../shared/int64.scalar';
import { TEXT_LIMITS, TextLimit } from '../../shared/text';
import { runWrite } from '../ledger';
import { Member } from '../accounts/member.entity';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { Association } from '../associations/association.entity';
import { ParameterValue } from './parameter.entity';
import { assertEditsRulebook } from './rule.policy';

@InputType({ description: 'A parameter value to publish for a period onwards.' })
export class PublishParameterInput {
  @Field({ description: 'Name as rules read it from ctx.params, e.g. marketMedianLenderYieldBps.' })
  @Matches(/^[a-z][A-Za-z0-9]*$/, { message: 'must be a camelCase identifier' })
  @TextLimit(TEXT_LIMITS.id)
  name!: string;

  @Field({ description: 'First month it applies to, YYYY-MM.' })
  @IsPeriod()
  period!: string;

  @Field(() => Int64, { description: 'The value, an integer (e.g. basis points).' }) value!: bigint;

  @Field(() => String, { description: 'Why the value is published or corrected; public.', nullable: true }) @TextLimit(TEXT_LIMITS.note) reason?: string | null;
}

/** A rule editor publishes a parameter value for a period; a second publication for the same period is its next version. */
export async function publishParameter(em: EntityManager, viewer: MemberViewer, input: PublishParameterInput): Promise<ParameterValue> {
  const associationId = viewer.associationId;
  if (!associationId) throw badInput('input', 'only associations publish parameters');
  assertEditsRulebook(viewer, associationId);
  return runWrite(em, actorOf(viewer), async (write) => {
    const last = await write.em.findOne(ParameterValue, { association: associationId, name: input.name, period: input.period }, { orderBy: { number: 'desc' } });
    const value = write.em.create(ParameterValue, {
      association: write.em.getReference(Association, associationId),
      name: input.name,
      period: input.period,
      value: input.value,
      number: (last?.number ?? 0) + 1,
      reason: input.reason ?? null,
      publishedBy: write.em.getReference(Member, viewer.memberId),
      publishedAt: write.at,
    });
    return write.record(value, 'parameter.published', { reason: input.reason });
  });
}
