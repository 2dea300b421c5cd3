import { buildFilingAssociation, buildFilingPlatform, FilingAssociation, POOLING, runReevaluation, SUBMIT_FILING, submitVariables } from '../../helpers/filing-world';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { integrateAll } from './log-helpers';

/** A table the database keeps immutable: a column outside its projection to change, and a projection column that may. */
interface PublishedTable {
  table: string;
  /** SET clause changing a column the trigger protects. */
  update: string;
  /** The refusing trigger's function and its arguments: the projection columns the trigger lets change. */
  trigger: string;
  /** SET clause changing a projection column, which the trigger lets through. */
  allowed?: string;
  /** Picks the row to change (default: any row). */
  where?: string;
}

const PUBLISHED = 'refused: published records are never changed or removed';
const PUBLISHED_RULE = 'refused: a published rule version is never changed or removed';
const APPEND_ONLY = 'refused: the ledger is append-only';

/** Every table with a refusing row trigger (the catalog check below keeps this list complete). */
const TABLES: PublishedTable[] = [
  { table: 'ledger_entry', update: `action = 'x'`, trigger: 'refuse_ledger_change()' },
  { table: 'log_checkpoint', update: `note = 'x'`, trigger: 'refuse_ledger_change()' },
  { table: 'log_subtree', update: `hash = '\\x00'::bytea`, trigger: 'refuse_ledger_change()' },
  { table: 'log_write', update: 'tx = tx + 1', trigger: 'refuse_ledger_change()' },
  { table: 'association', update: `name = name || ' renamed'`, trigger: 'refuse_published_change()' },
  { table: 'member', update: `name = name || ' renamed'`, trigger: "refuse_published_change('removed_at')", allowed: 'removed_at = now()' },
  { table: 'api_token', update: `label = 'x'`, trigger: "refuse_published_change('revoked_at', 'last_used_at')", allowed: 'revoked_at = now(), last_used_at = now()' },
  {
    table: 'platform',
    update: `uscc = '91310000MA1FL0000X'`,
    trigger:
      "refuse_published_change('registry_status', 'legal_name', 'former_names', 'websites', 'apps', 'custody_bank_name', 'related_parties', 'regulator_status', 'regulator_number', 'regulator_authority', 'regulator_registered_at', 'profile_updated_at')",
    allowed: `legal_name = 'Renamed', former_names = '[{"legalName": "x", "until": "2026-01-01T00:00:00.000Z"}]', websites = '["https://new.example.cn"]', custody_bank_name = 'x', profile_updated_at = now()`,
  },
  { table: 'platform_status_change', update: `reason = 'x'`, trigger: 'refuse_published_change()' },
  { table: 'qualification', update: `number = 'x'`, trigger: 'refuse_published_change()' },
  { table: 'rule', update: `code = 'X-001'`, trigger: 'refuse_published_change()' },
  // a DRAFT rule version stays editable until it is published
  { table: 'rule_version', update: `title = 'x'`, where: `status <> 'DRAFT'`, trigger: 'refuse_rule_version_change()' },
  { table: 'parameter_value', update: 'value = value + 1', trigger: 'refuse_published_change()' },
  { table: 'filing', update: `period = '2000-01'`, trigger: 'refuse_published_change()' },
  {
    table: 'flag',
    update: `evidence = '{}'`,
    trigger: "refuse_published_change('status', 'status_changed_at', 'status_reason', 'case_state', 'case_changed_at', 'held_for_review')",
    allowed: `status_reason = 'x', status_changed_at = now(), case_state = 'RESPONDED', case_changed_at = now()`,
  },
  { table: 'evaluation_error', update: `message = 'x'`, trigger: 'refuse_published_change()' },
  { table: 'calendar_day', update: `date = '2000-01-01'`, trigger: "refuse_published_change('kind', 'reason', 'changed_at')", allowed: `reason = 'x', changed_at = now()` },
  { table: 'reevaluation_batch', update: 'flags_raised = flags_raised + 1', trigger: 'refuse_published_change()' },
  { table: 'flag_case_step', update: `text = 'x'`, trigger: 'refuse_published_change()' },
  {
    table: 'challenge',
    update: `statement = 'x'`,
    trigger: "refuse_published_change('status', 'decided_at', 'decision_reason', 'corrected_record_id')",
    allowed: `status = 'REJECTED', decided_at = now(), decision_reason = 'x'`,
  },
];

/** log_state holds the log's index counter: it moves (UPDATE), and is never deleted. */
const LOG_STATE = { table: 'log_state', trigger: 'refuse_ledger_change()', events: 'DELETE' };

/** Thrown to roll a probe's transaction back. */
class RollBack extends Error {}

describe('the database refuses to change or remove any published record', () => {
  let app: TestApp;
  let association: FilingAssociation;
  beforeAll(async () => {
    app = await startTestApp();
    // a row in every published table, through the real commands
    association = await buildFilingAssociation(app); // association, members, tokens, rules, rule versions, parameters
    const platform = await buildFilingPlatform(app, association); // platform, status change, qualification
    const filed = await app.execute(SUBMIT_FILING, submitVariables(platform, '2019-06', {}, POOLING), platform.tokens.filer);
    const flagId = filed.data.submitFiling.flags[0].id; // filing, flags
    await gql(`mutation($input: ReplyToFlagInput!) { replyToFlag(input: $input) { id } }`, { input: { flagId, text: 'Answer.' } }, platform.tokens.filer);
    await gql(`mutation($input: FileChallengeInput!) { fileChallenge(input: $input) { id } }`, { input: { targetType: 'FLAG', targetId: flagId, statement: 'Misread.' } });
    await gql(`mutation { setCalendarDays(input: { days: [{ date: "2019-10-12", kind: WORKDAY, reason: "Make-up day" }] }) { id } }`, {}, association.tokens.admin);
    // a rule that fails on every filing: an evaluation error, and its publication's re-evaluation batch
    const draft = await gql(
      `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`,
      {
        input: {
          code: 'ERR-001', title: 'Fails at run time', text: 'Overflows on every filing.', basis: 'Test',
          category: 'DATA_INTEGRITY', severity: 'MEDIUM', expression: 'filing.ops.newLoanAmountMinor * 9223372036854775807 > 0',
        },
      },
      association.tokens.editor,
    );
    const published = await gql(
      `mutation($input: PublishRuleDraftInput!) { publishRuleDraft(input: $input) { id } }`,
      { input: { ruleVersionId: draft.saveRuleDraft.id, effectiveFrom: '2016-08-24T00:00:00+08:00' } },
      association.tokens.editor,
    );
    await runReevaluation(app, published.publishRuleDraft.id);
    await gql(
      `mutation($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { id } }`,
      { input: { code: 'DRAFT-001', title: 'Draft', text: 'Not published.', basis: 'Test', category: 'DATA_INTEGRITY', severity: 'LOW', expression: 'false' } },
      association.tokens.editor,
    );
    await integrateAll(app.orm); // log subtrees and a checkpoint
  });
  afterAll(() => app.close());

  async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const result = await app.execute(query, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  /** Runs `statement` in a transaction that is always rolled back; resolves to its row count, or rejects with the database's error. */
  async function probe(statement: string): Promise<number> {
    let affected = -1;
    await app.orm.em
      .fork()
      .transactional(async (tx) => {
        const result = await tx.getConnection().execute(statement, [], 'run', tx.getTransactionContext());
        affected = (result as unknown as { affectedRows: number }).affectedRows;
        throw new RollBack();
      })
      .catch((error) => {
        if (!(error instanceof RollBack)) throw error;
      });
    return affected;
  }

  /** One row of `table` (matching `where`), by its physical address. */
  const oneRow = (table: string, where = 'true') => `ctid = (select ctid from "${table}" where ${where} limit 1)`;

  it('has a refusing trigger on exactly these tables, each letting through exactly the projection columns listed', async () => {
    const triggers = await app.orm.em.fork().getConnection().execute<{ def: string }[]>(
      `select pg_get_triggerdef(t.oid) as def from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where not t.tgisinternal and p.proname in ('refuse_published_change', 'refuse_ledger_change', 'refuse_rule_version_change') and t.tgtype & 1 = 1`,
    );
    const found = triggers
      .map(({ def }) => def.match(/BEFORE (.+) ON (?:public\.)?"?(\w+)"? FOR EACH ROW EXECUTE FUNCTION (.+)$/)!)
      .map(([, events, table, fn]) => ({ table, trigger: fn, events }))
      .sort((a, b) => a.table.localeCompare(b.table));
    const expected = [...TABLES.map(({ table, trigger }) => ({ table, trigger, events: 'DELETE OR UPDATE' })), LOG_STATE].sort((a, b) => a.table.localeCompare(b.table));
    expect(found).toEqual(expected);
    expect(found).toHaveLength(21);
  });

  it.each(TABLES.map((t) => [t.table, t] as const))('%s: an UPDATE outside the projection and a DELETE are refused', async (table, { update, where, trigger }) => {
    const reason = trigger === 'refuse_ledger_change()' ? APPEND_ONLY : trigger === 'refuse_rule_version_change()' ? PUBLISHED_RULE : PUBLISHED;
    const [{ rows }] = await app.orm.em.fork().getConnection().execute(`select count(*)::int as rows from "${table}" where ${where ?? 'true'}`);
    expect(rows).toBeGreaterThan(0);
    await expect(probe(`update "${table}" set ${update} where ${oneRow(table, where)}`)).rejects.toMatchObject({ code: '23000', message: expect.stringContaining(`UPDATE of ${table} ${reason}`) });
    await expect(probe(`delete from "${table}" where ${oneRow(table, where)}`)).rejects.toMatchObject({ code: '23000', message: expect.stringContaining(`DELETE of ${table} ${reason}`) });
  });

  it.each(TABLES.filter((t) => t.allowed).map((t) => [t.table, t.allowed!] as const))('%s: an UPDATE of projection columns (%s) goes through', async (table, allowed) => {
    expect(await probe(`update "${table}" set ${allowed}, version = version + 1 where ${oneRow(table)}`)).toBe(1);
  });

  it('rule_version: a DRAFT row stays editable until it is published', async () => {
    expect(await probe(`update rule_version set title = 'Edited draft' where ${oneRow('rule_version', `status = 'DRAFT'`)}`)).toBe(1);
  });

  it('log_state: the index counter moves, the row is never deleted', async () => {
    expect(await probe('update log_state set next = next + 1')).toBe(1);
    await expect(probe('delete from log_state')).rejects.toMatchObject({ code: '23000', message: expect.stringContaining(`DELETE of log_state ${APPEND_ONLY}`) });
  });
});
