import { ClassType, FieldResolver, Resolver, Root } from 'type-graphql';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * An instant as China wall-clock time in RFC 3339 with its offset, e.g. 2019-07-05T23:59:59+08:00: the same
 * instant as the UTC field beside it (China has kept UTC+08:00 all year since 1991), milliseconds only when
 * there are any.
 */
export function chinaTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString();
  const wall = instant.getUTCMilliseconds() === 0 ? shifted.slice(0, 19) : shifted.slice(0, 23);
  return `${wall}+08:00`;
}

/**
 * A resolver adding `<field>China: String` to `type`: the timestamp `field` (a Date, or null) rendered in
 * China time by chinaTime(), nullable when the field is. Listed in schema.ts for the timestamps readers compare with Chinese deadlines.
 */
export function chinaTimeResolver<T extends object>(type: ClassType<T>, field: keyof T & string, options: { nullable?: boolean } = {}) {
  // type-graphql tells field resolvers of one type apart by method name: each rendering gets its own
  const method = `${field}China`;
  class ChinaTimeResolver {}
  const descriptor = {
    value(record: T): string | null {
      const value = record[field] as unknown as Date | null | undefined;
      return value ? chinaTime(value) : null;
    },
  };
  Object.defineProperty(ChinaTimeResolver.prototype, method, descriptor);
  Reflect.defineMetadata('design:paramtypes', [Object], ChinaTimeResolver.prototype, method);
  Root()(ChinaTimeResolver.prototype, method, 0);
  FieldResolver(() => String, {
    nullable: options.nullable ?? false,
    description: `\`${field}\` in China time (UTC+08:00), e.g. 2019-07-05T23:59:59+08:00: the same instant, for reading beside Chinese dates and deadlines${options.nullable ? `; null when \`${field}\` is` : ''}.`,
  })(ChinaTimeResolver.prototype, method, descriptor);
  Resolver(() => type)(ChinaTimeResolver);
  return ChinaTimeResolver;
}
