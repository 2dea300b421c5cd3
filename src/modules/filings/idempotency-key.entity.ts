import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '../../shared/ids';
import { Filing } from './filing.entity';
import { RESTRICT } from '../../shared/restrict';

/** A submission made under an idempotency key, scoped to the credential that sent it. */
@Entity()
@Unique({ properties: ['tokenId', 'key'] })
export class IdempotencyKey {
  [OptionalProps]?: 'id' | 'version';

  @PrimaryKey({ type: 'text' })
  id: string = newId('idk');

  @Property({ type: 'text' })
  tokenId!: string;

  @Property({ type: 'text' })
  key!: string;

  /** SHA-256 of the operation name and its canonical input. */
  @Property({ type: 'text' })
  requestSha256!: string;

  @ManyToOne(() => Filing, RESTRICT)
  filing!: Filing;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'integer' })
  version: number = 0;
}
