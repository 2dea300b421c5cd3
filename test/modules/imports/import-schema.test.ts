import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLEnumType, GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType, getNamedType } from 'graphql';
import IMPORT_RECORD_SCHEMA from '../../../schema/import-record.schema.json';
import { disclosureItems } from './import-helpers';

// The import format restates the filing's fields in JSON Schema; these checks keep it in step with the
// GraphQL inputs submitFiling and registerPlatform take (schema/schema.graphql, itself checked against the code).
const ROOT = path.join(__dirname, '../../..');
const graphql = buildSchema(fs.readFileSync(path.join(ROOT, 'schema/schema.graphql'), 'utf8'));
const defs = IMPORT_RECORD_SCHEMA.$defs as Record<string, any>;
const platform = IMPORT_RECORD_SCHEMA.properties.platform.properties as Record<string, any>;

/** An enum's values in the domain's lower case, sorted (the printed SDL is sorted). */
const lowerValues = (name: string) => (graphql.getType(name) as GraphQLEnumType).getValues().map((v) => v.value.toLowerCase()).sort();
const sorted = (values: string[]) => [...values].sort();
/** The JSON type of a property, through its $ref when it names none itself. */
const jsonType = (property: any) => property.type ?? defs[property.$ref.replace('#/$defs/', '')].type;

describe('the import schema (schema/import-record.schema.json)', () => {
  it.each([
    ['ops', 'FilingOpsInput'],
    ['borrowerCaps', 'BorrowerCapsInput'],
    ['custody', 'CustodyReconciliationInput'],
    ['product', 'ProductDisclosureInput'],
  ])('describes %s field for field like %s', (def, inputName) => {
    const fields = (graphql.getType(inputName) as GraphQLInputObjectType).getFields();
    const section = defs[def];
    expect(Object.keys(section.properties).sort()).toEqual(Object.keys(fields).sort());
    expect(section.additionalProperties).toBe(false);
    for (const [name, field] of Object.entries(fields)) {
      const property = section.properties[name];
      const type = getNamedType(field.type);
      // an amount, count, rate or term is a count with its own description (the rule editors' catalogue shows it)
      if (type.name === 'Int64') expect(property).toEqual({ $ref: '#/$defs/count', description: expect.any(String) });
      else if (type instanceof GraphQLEnumType) expect(sorted(property.enum)).toEqual(lowerValues(type.name));
      else expect(jsonType(property)).toBe(type.name === 'Boolean' ? 'boolean' : 'string');
      // every field submitFiling requires is required here, except the disclosure items DATA-001 checks
      if (field.type instanceof GraphQLNonNull && !(def === 'ops' && disclosureItems().includes(name))) expect(section.required).toContain(name);
    }
  });

  it('leaves exactly the Disclosure Guideline indicators of DATA-001 optional', () => {
    const optional = Object.keys(defs.ops.properties).filter((k) => !defs.ops.required.includes(k));
    expect(optional.sort()).toEqual(disclosureItems().sort());
    expect(optional).toHaveLength(19);
  });

  it('answers exactly those indicators nullable in FilingOps, while submitFiling still requires every one', () => {
    const output = Object.values((graphql.getType('FilingOps') as GraphQLObjectType).getFields());
    expect(output.filter((f) => !(f.type instanceof GraphQLNonNull)).map((f) => f.name).sort()).toEqual(disclosureItems().sort());
    const input = Object.values((graphql.getType('FilingOpsInput') as GraphQLInputObjectType).getFields());
    expect(input.map((f) => f.name).sort()).toEqual(output.map((f) => f.name).sort());
    expect(input.filter((f) => !(f.type instanceof GraphQLNonNull))).toEqual([]);
  });

  it("uses the registry's enum values, in the domain's lower case", () => {
    expect(sorted(platform.relatedParties.items.properties.relation.enum)).toEqual(lowerValues('RelatedPartyRelation'));
    expect(sorted(platform.registration.properties.status.enum)).toEqual(lowerValues('RegulatorRegistrationStatus'));
    expect(sorted(platform.qualifications.items.properties.type.enum)).toEqual(lowerValues('QualificationType'));
    // a file's `superseded` is kept as a revoked record: it names no successor
    expect(sorted(platform.qualifications.items.properties.status.enum)).toEqual(sorted([...lowerValues('QualificationFiledStatus'), 'superseded']));
  });
});
