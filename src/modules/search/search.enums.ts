import { registerEnumType } from 'type-graphql';

/** What a search hit is. The order here is the tie-break between equal scores: platforms, then rules, then flags. */
export enum SearchKind {
  PLATFORM = 'PLATFORM',
  RULE = 'RULE',
  FLAG = 'FLAG',
}
registerEnumType(SearchKind, {
  name: 'SearchKind',
  description: 'What a search hit is.',
  valuesConfig: {
    PLATFORM: { description: 'A registered platform (any registry status, as `platforms` lists them).' },
    RULE: { description: 'A rule with a published version (drafts are never searched).' },
    FLAG: { description: 'A flag (any status), found by its rule or its platform.' },
  },
});

/** The field of a hit that matched the query best. */
export enum SearchField {
  LEGAL_NAME = 'LEGAL_NAME',
  USCC = 'USCC',
  CUSTODY_BANK = 'CUSTODY_BANK',
  WEBSITE = 'WEBSITE',
  APP = 'APP',
  FORMER_NAME = 'FORMER_NAME',
  RULE_CODE = 'RULE_CODE',
  RULE_TITLE = 'RULE_TITLE',
  RULE_TEXT = 'RULE_TEXT',
  PLATFORM_NAME = 'PLATFORM_NAME',
}
registerEnumType(SearchField, {
  name: 'SearchField',
  description: 'The field of a hit that matched the query best.',
  valuesConfig: {
    LEGAL_NAME: { description: "A platform's legal name." },
    USCC: { description: "A platform's unified social credit code." },
    CUSTODY_BANK: { description: "A platform's custody bank." },
    WEBSITE: { description: 'One of a platform’s websites.' },
    APP: { description: 'One of a platform’s apps.' },
    FORMER_NAME: { description: 'A legal name a platform held before it was renamed (see Platform.formerNames).' },
    RULE_CODE: { description: 'The rule code (of a rule, or of the rule that raised a flag).' },
    RULE_TITLE: { description: "The title of a rule's latest published version, or of the version that raised a flag." },
    RULE_TEXT: { description: "The plain-language text of a rule's latest published version." },
    PLATFORM_NAME: { description: 'The legal name of the platform a flag is about.' },
  },
});
