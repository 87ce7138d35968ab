import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * An integer within bounds, checked as one rule so the message says what is wanted
 * ("a whole number from 0 to 1000") whatever was sent: a string, a fraction, 1e400.
 */
export function IsWholeNumber(min: number, max: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isWholeNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a whole number from ${min} to ${max}`,
      },
    });
}
