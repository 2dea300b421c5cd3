import { Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { MAX_ITERATIONS, RULE_FIELDS, type RuleField } from '../evaluation';
import { VARIABLE_TYPES } from '../evaluation/rule-types';

/** A field a rule may read, as the rule checker declares it. */
@ObjectType('RuleField', { description: 'A field a rule may read, with the type the rule checker gives it (generated from the import schema).' })
export class RuleFieldInfo implements RuleField {
  @Field({ description: 'Dotted path from a rule variable; [] marks the elements of a list, e.g. filing.products[].kind.' }) path!: string;
  @Field({ description: 'CEL type: int, string, bool, list<T>, map<string, int>, or a named object type.' }) type!: string;
  @Field(() => String, { nullable: true, description: 'What the field holds, its unit, and which seed rules read it (from the import schema).' }) description!: string | null;
  @Field({ description: 'The value may be null: compare it with == null before using it.' }) nullable!: boolean;
  @Field({ description: 'The field may be absent from a record; reading it is then an evaluation error. Guard with has(...) or `in`.' }) optional!: boolean;
  @Field(() => Int, { nullable: true, description: 'Most elements the list holds; bounds the cost of a comprehension over it.' }) maxItems!: number | null;
}

const VARIABLES: RuleField[] = [
  { path: 'platform', type: VARIABLE_TYPES.platform, description: 'The filing platform as recorded, with its qualifications and the periods it has filed.', nullable: false, optional: false, maxItems: null },
  { path: 'filing', type: VARIABLE_TYPES.filing, description: 'The filing under evaluation.', nullable: false, optional: false, maxItems: null },
  { path: 'prev', type: VARIABLE_TYPES.prev, description: "The platform's filing of the preceding month, with the fields of filing; null when there is none.", nullable: true, optional: false, maxItems: null },
  { path: 'ctx', type: VARIABLE_TYPES.ctx, description: 'The evaluation: its instant, the periods due by then, and the parameters the association published.', nullable: false, optional: false, maxItems: null },
];

/** The checker's view, served to rule editors. */
@Resolver()
export class RuleFieldResolver {
  @Query(() => [RuleFieldInfo], {
    description: `Every variable and field a rule may read, with its type and description: what saveRuleDraft checks a rule against. A rule may take at most ${MAX_ITERATIONS.toLocaleString('en')} comprehension iterations, counted from the maxItems of the lists it ranges over.`,
  })
  ruleFields(): RuleField[] {
    return [...VARIABLES, ...RULE_FIELDS];
  }
}
