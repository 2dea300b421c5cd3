import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { RESTRICT } from '../../shared/restrict';
import { RuleVersion } from '../rules/rule-version.entity';

/** A filing a re-evaluation batch evaluated, with the SHA-256 of the facts it was evaluated on. */
export interface ReevaluatedFiling {
  filing: string;
  factsSha256: string | null;
}

/**
 * One batch of the re-evaluation that follows a publication, as a public record: the rule version run, the
 * filings it evaluated (each with its facts SHA-256, the facts being pinned to the filing's own instant) and
 * the flags it raised. With the evaluation each filing version records when written, every evaluation of a
 * filing is on record, passes included.
 */
@Entity({ tableName: 'reevaluation_batch' })
@Index({ properties: ['ruleVersion'] })
export class ReevaluationBatch {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'text' })
  id: string = newId('rvb');

  @ManyToOne(() => RuleVersion, RESTRICT)
  ruleVersion!: RuleVersion;

  @Property({ type: 'json' })
  filings!: ReevaluatedFiling[];

  @Property({ type: 'integer' })
  flagsRaised!: number;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'integer' })
  version: number = 0;
}
