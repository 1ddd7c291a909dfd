import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { dns1123LabelViolations } from '@knm/contracts';

/** The property must be a DNS-1123 label (contracts k8s-names, mirroring IsDNS1123Label); the message lists every broken rule. */
export function IsDns1123Label(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDns1123Label',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && dns1123LabelViolations(value).length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string'
            ? `${args.property} ${dns1123LabelViolations(args.value).join('; ')}`
            : `${args?.property} must be a string`,
      },
    });
}

/** Exactly one of `properties` must be present (decorate one of them). */
export function ExactlyOneOf(properties: string[], options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { ...options },
      constraints: properties,
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => {
          const o = args!.object as Record<string, unknown>;
          return properties.filter((p) => o[p] !== undefined && o[p] !== null).length === 1;
        },
        defaultMessage: () => `exactly one of ${properties.join(', ')} must be given`,
      },
    });
}
