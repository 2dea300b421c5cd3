import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { FIGURE_COLUMNS } from './figure-sql';

/**
 * The figures read model: per platform and period, the live filing's figures as typed numbers (one numeric
 * column per indicator, see indicators.ts). A projection, not a record: the database writes it in the
 * transaction that inserts the filing (a statement trigger on `filing`), and the API reads it with SQL; it
 * has no ledger entry of its own (the filing's entry is the record). Declared here so the schema check
 * knows the table.
 */
@Entity({ tableName: 'filing_figure' })
@Index({ properties: ['period'] })
export class FilingFigure {
  @PrimaryKey({ type: 'text' })
  platformId!: string;

  @PrimaryKey({ type: 'text' })
  period!: string;

  /** The live filing version the figures come from. */
  @Property({ type: 'text' })
  filingId!: string;

  @Property({ type: 'integer' })
  amendment!: number;
}
for (const column of FIGURE_COLUMNS) Property({ type: 'decimal', columnType: 'numeric', nullable: true, fieldName: column })(FilingFigure.prototype, column);
