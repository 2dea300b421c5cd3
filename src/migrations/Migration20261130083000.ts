import { Migration } from '@mikro-orm/migrations';

/**
 * The registry's own case step: CLOSE, appended when re-evaluation (an amendment, a new rule version) or a
 * resolution closes a case someone acted on (src/modules/cases/close-case.ts).
 */
export class Migration20261130083000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "case_action" add value if not exists 'CLOSE';`);
  }
}
