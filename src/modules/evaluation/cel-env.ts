import { Environment } from '@marcbachmann/cel-js';
import { OBJECT_TYPES, VARIABLE_TYPES } from './rule-types';

/** The variables a rule may read, in the order the domain README lists them. */
export const RULE_VARIABLES = ['platform', 'filing', 'prev', 'ctx'] as const;

/** One of the variables a rule may read. */
export type RuleVariable = (typeof RULE_VARIABLES)[number];

/** Structural limits checked while parsing: a rule is at most 10,000 characters, so these leave room. */
const LIMITS = { maxAstNodes: 5000, maxDepth: 64, maxListElements: 1000, maxMapEntries: 200, maxCallArguments: 16 };

/**
 * The environment rules are checked in: each variable and field declared with its type from the import
 * schema, so a misspelt field at any depth, an operand of the wrong type or an unknown name is refused
 * at save. Its handlers never run; rules run in `runEnvironment`.
 * Besides the standard library it declares what the formats need: `prev == null` (the first month has
 * none), `x == null` on nullable text such as `validTo`, and `'key' in object`, which asks whether a
 * record holds an optional field (DATA-001).
 */
export const checkEnvironment = declareTypes(new Environment({ limits: LIMITS }));

/**
 * The environment rules run in: the same language, variables of dynamic type holding the facts as
 * plain objects (integers as bigint), which needs no conversion per evaluation. Checked rules only.
 */
export const runEnvironment = new Environment({ limits: LIMITS })
  .registerVariable('platform', 'dyn')
  .registerVariable('filing', 'dyn')
  .registerVariable('prev', 'dyn')
  .registerVariable('ctx', 'dyn');

function declareTypes(env: Environment): Environment {
  const unused = () => {
    throw new Error('the checking environment does not evaluate');
  };
  for (const type of [...OBJECT_TYPES].reverse()) {
    env.registerType(type.name, { fields: type.fields });
    env.registerOperator(`string in ${type.name}`, unused);
  }
  env.registerOperator(`${VARIABLE_TYPES.prev} == null`, unused);
  env.registerOperator('string == null', unused);
  for (const variable of RULE_VARIABLES) env.registerVariable(variable, VARIABLE_TYPES[variable]);
  return env;
}
