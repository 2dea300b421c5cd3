import { isObjectType } from 'graphql';
import { registrySchema } from '../../src/schema';
import { NODE_TYPES } from '../../src/shared/node';

describe('Node in the schema', () => {
  it('is implemented by every object type with an id, each with an id prefix node(id:) can dispatch on', async () => {
    const schema = await registrySchema();
    // SearchHit is no record: its id names the platform, rule or flag hit (a Node itself, its `node`)
    const references = ['SearchHit'];
    const withId = Object.values(schema.getTypeMap()).filter(
      (type) => isObjectType(type) && !type.name.startsWith('__') && !references.includes(type.name) && 'id' in type.getFields(),
    );
    expect(withId.length).toBeGreaterThanOrEqual(13);
    const notNodes = withId.filter((type) => isObjectType(type) && !type.getInterfaces().some((i) => i.name === 'Node')).map((type) => type.name);
    expect(notNodes).toEqual([]);
    const implementations = schema.getPossibleTypes(schema.getType('Node') as never).map((type) => type.name).sort();
    expect(implementations).toEqual([...Object.values(NODE_TYPES)].sort());
  });
});
