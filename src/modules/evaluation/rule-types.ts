import schemaDocument from '../../../schema/import-record.schema.json';

/**
 * The types of what rules read, generated from the one description of the formats: the import schema
 * (schema/import-record.schema.json), which a test holds field for field to the GraphQL inputs. `filing`
 * and `prev` are its filings, `platform` its platform, `ctx` its ctx. Timestamps stay RFC 3339 strings
 * (rules convert them with `timestamp()`); amounts, counts, days and basis points are `int`.
 */

/** A JSON Schema node, as far as this generator reads it. */
interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  maxItems?: number;
  additionalProperties?: SchemaNode | boolean;
  maxProperties?: number;
}

/** One field a rule may read, as the editors' catalogue lists it. */
export interface RuleField {
  /** Dotted path from a rule variable; `[]` marks the elements of a list, e.g. `filing.products[].kind`. */
  path: string;
  /** The CEL type: int, string, bool, list<T>, map<string, int>, or a named object type. */
  type: string;
  description: string | null;
  /** True when the value may be null (compare it with `== null` first). */
  nullable: boolean;
  /** True when the field may be absent from a record; reading it then is an evaluation error (guard with `has()`). */
  optional: boolean;
  /** Most elements a list holds (bounds the cost of a comprehension over it); null for other types. */
  maxItems: number | null;
}

/** A named object type and its fields' CEL types, to declare in the checking environment. */
export interface ObjectType {
  name: string;
  fields: Record<string, string>;
}

/** Names of the object types, by the path of the objects they describe. */
const TYPE_NAMES: Record<string, string> = {
  platform: 'Platform',
  'platform.registration': 'Registration',
  'platform.custodyBank': 'CustodyBank',
  'platform.relatedParties[]': 'RelatedParty',
  'platform.qualifications[]': 'Qualification',
  filing: 'Filing',
  'filing.ops': 'FilingOps',
  'filing.borrowerCaps': 'BorrowerCaps',
  'filing.custody': 'Custody',
  'filing.products[]': 'Product',
  ctx: 'Context',
};

const schema = schemaDocument as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

/** The node with its `$ref` resolved; the referring node's own keywords win. */
function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const target = schema.$defs[node.$ref.replace('#/$defs/', '')];
  if (!target) throw new Error(`import schema: unknown reference ${node.$ref}`);
  const { $ref: _ref, ...own } = node;
  return { ...resolve(target), ...own };
}

const typesOf = (node: SchemaNode) => (Array.isArray(node.type) ? node.type : node.type ? [node.type] : []);

/** Walks the schema once: every field with its CEL type, and every object type. */
function generate(): { fields: RuleField[]; objectTypes: ObjectType[]; variables: Record<string, string> } {
  const fields: RuleField[] = [];
  const objectTypes: ObjectType[] = [];
  const celType = (raw: SchemaNode, path: string): string => {
    const node = resolve(raw);
    const types = typesOf(node);
    if (types.includes('object') && node.properties) return objectType(node, path);
    if (types.includes('object')) return `map<string, ${celType(node.additionalProperties as SchemaNode, `${path}[]`)}>`;
    if (types.includes('array')) return `list<${celType(node.items as SchemaNode, `${path}[]`)}>`;
    if (types.includes('integer')) return 'int';
    if (types.includes('boolean')) return 'bool';
    if (types.includes('string')) return 'string';
    throw new Error(`import schema: no CEL type for ${path}`);
  };
  const objectType = (node: SchemaNode, path: string): string => {
    const name = TYPE_NAMES[path];
    if (!name) throw new Error(`import schema: name the rule type of the object at ${path} in TYPE_NAMES`);
    const required = new Set(node.required ?? []);
    const own: ObjectType = { name, fields: {} };
    objectTypes.push(own);
    for (const [key, raw] of Object.entries(node.properties ?? {})) {
      const child = resolve(raw);
      const entry: RuleField = {
        path: `${path}.${key}`,
        type: '',
        description: child.description ?? null,
        nullable: typesOf(child).includes('null'),
        optional: !required.has(key),
        maxItems: child.maxItems ?? child.maxProperties ?? null,
      };
      fields.push(entry);
      entry.type = own.fields[key] = celType(child, entry.path);
    }
    return name;
  };
  const root = schema.properties ?? {};
  const variables = {
    platform: celType(root.platform, 'platform'),
    filing: celType((root.filings as SchemaNode).items as SchemaNode, 'filing'),
    ctx: celType(root.ctx, 'ctx'),
  };
  return { fields, objectTypes, variables: { ...variables, prev: variables.filing } };
}

const generated = generate();

/** Every object type the rules read, each before the types of its fields (declare them in reverse). */
export const OBJECT_TYPES: readonly ObjectType[] = generated.objectTypes;

/** The CEL type of each rule variable (`prev` is a Filing, or null for a platform's first month). */
export const VARIABLE_TYPES: Readonly<Record<'platform' | 'filing' | 'prev' | 'ctx', string>> = generated.variables as never;

/** The editors' catalogue: every field a rule may read, with its type and description. `prev` has the fields of `filing`. */
export const RULE_FIELDS: readonly RuleField[] = generated.fields;

const maxItemsByPath = new Map(RULE_FIELDS.filter((f) => f.maxItems !== null).map((f) => [f.path.replace(/\[\]/g, ''), f.maxItems as number]));

/** The most elements the list (or map) at a dotted path can hold, e.g. 200 for `filing.products`; `prev` reads as `filing`. */
export function maxItemsAt(path: string): number | undefined {
  return maxItemsByPath.get(path.replace(/^prev\./, 'filing.'));
}
