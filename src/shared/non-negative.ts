import { ValidationOptions, registerDecorator } from 'class-validator';

/** class-validator check for Int64 (bigint) fields: must be zero or more. */
export function NonNegative(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'nonNegative',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must not be negative', ...options },
      validator: { validate: (value: unknown) => typeof value === 'bigint' && value >= 0n },
    });
}
