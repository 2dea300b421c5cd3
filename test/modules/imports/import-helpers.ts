import fs from 'node:fs';
import path from 'node:path';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUscc } from '../../../seeds/factories';
import { LedgerEntry } from '../../../src/modules/ledger/ledger-entry.entity';
import { Filing } from '../../../src/modules/filings/filing.entity';
import { EvaluationError } from '../../../src/modules/flags/evaluation-error.entity';
import { Flag } from '../../../src/modules/flags/flag.entity';
import { Platform } from '../../../src/modules/platforms/platform.entity';
import { Qualification } from '../../../src/modules/platforms/qualification.entity';

/** The import mutation with every count it reports. */
export const IMPORT = `mutation Import($file: JSONObject!) {
  importRecords(file: $file) { platform { id } platformCreated qualificationsCreated filingsCreated filingsUnchanged flagsRaised }
}`;

/** The public read that poisoned records used to break: every part of every version's content. */
export const PUBLIC_FILINGS = `query Filings($id: ID!) {
  filings(platformId: $id, first: 20, includeSuperseded: true) { nodes {
    id period amendment provenance late
    ops { cumulativeLoanAmountMinor newLoanAmountMinor outstandingPrincipalMinor }
    borrowerCaps { naturalPersonMaxOutstandingMinor }
    custody { custodyBankName lenderFundsOutsideCustodyMinor }
    products { productId kind yieldLabel guaranteeType exitMechanism lenderTermDays }
    derived { top10BorrowerShareBps overdueRateBps }
    flags { ruleCode status }
  } }
}`;

/** The Disclosure Guideline indicators whose presence DATA-001 checks, read from the seed rule itself. */
export function disclosureItems(): string[] {
  const rulebook = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../seeds/rulebook.json'), 'utf8'));
  const rules: { id: string; cel: string }[] = Array.isArray(rulebook) ? rulebook : rulebook.rules;
  const cel = rules.find((r) => r.id === 'DATA-001')!.cel;
  return [...cel.slice(0, cel.indexOf(']')).matchAll(/'(\w+)'/g)].map((m) => m[1]);
}

/** One example record file (seeds/examples/records) under a fresh USCC, so test files do not meet each other's platforms. */
export function example(file: string): any {
  const parsed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../seeds/examples/records', file), 'utf8'));
  parsed.platform.uscc = randomUscc();
  return parsed;
}

/** Rows an import could write for one platform (by USCC), and change-log rows by the importing member: compared before and after a refusal. */
export async function rowCounts(em: EntityManager, uscc: string, actorMemberId?: string): Promise<Record<string, number>> {
  const fork = em.fork();
  const platform = await fork.findOne(Platform, { uscc });
  const owned = { platform: platform?.id ?? '' };
  return {
    platforms: await fork.count(Platform, { uscc }),
    qualifications: await fork.count(Qualification, owned),
    filings: await fork.count(Filing, owned),
    flags: await fork.count(Flag, owned),
    evaluationErrors: await fork.count(EvaluationError, { filing: { platform: owned.platform } }),
    ...(actorMemberId ? { changes: await fork.count(LedgerEntry, { actorMemberId }) } : {}),
  };
}
