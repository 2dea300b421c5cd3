import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';

@ObjectType('LogCheckpoint', { description: 'A signed checkpoint of the transparency log (C2SP tlog-checkpoint).' })
export class LogCheckpointView {
  @Field({ description: "The log's origin: the checkpoint's first line and its signing key's name." })
  origin!: string;

  @Field(() => Int64, { description: 'Number of entries the tree covers.' })
  size!: bigint;

  @Field({ description: 'RFC 6962 root hash, base64.' })
  rootHash!: string;

  @Field({ description: 'The signed note, exactly as served at /log/checkpoint; verify it with logVerifierKey.' })
  note!: string;

  @Field(() => Date, { description: 'When the registry signed it.' })
  signedAt!: Date;
}

@ObjectType('LogEntry', { description: 'A public ledger entry: a leaf of the transparency log.' })
export class LogEntryView {
  @Field(() => Int64, { description: 'Position in the log, 0-based.' })
  logIndex!: bigint;

  @Field({ description: 'Stable type name, e.g. `filing`.' })
  entityType!: string;

  @Field(() => ID, { description: 'Id of the record.' })
  entityId!: string;

  @Field(() => Int, { description: "The record's version this entry holds (1 for the first)." })
  version!: number;

  @Field({ description: 'The canonical entry bytes (RFC 8785 JSON), base64: the leaf hash is SHA-256(0x00 || these bytes).' })
  entry!: string;

  @Field({ description: 'RFC 6962 leaf hash, base64.' })
  leafHash!: string;
}

@ObjectType({ description: "Where a record version sits in the transparency log; ask logInclusionProof(logIndex, coveredBy or any later checkpoint's size)." })
export class LogReceipt {
  @Field(() => Int64, { description: 'Position of the entry in the log, 0-based.' })
  logIndex!: bigint;

  @Field({ description: 'RFC 6962 leaf hash, base64.' })
  leafHash!: string;

  @Field({ description: 'SHA-256 of the entry bytes, base64.' })
  entrySha256!: string;

  @Field(() => Int64, { nullable: true, description: 'Size of the first signed checkpoint that covers the entry; null until one does (within seconds).' })
  coveredBy!: bigint | null;
}
