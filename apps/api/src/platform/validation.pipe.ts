import { Injectable, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage, type MetadataStorage, type ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError, type FieldError } from '#kernel';

/** Types that are no DTO: a body declared with one of them is not checked as an object. */
const NOT_DTOS: readonly unknown[] = [Object, Array, String, Number, Boolean];

/**
 * Validation at the edge, errors as the kernel's `ValidationError` (so: a 400 problem naming each
 * field). Unknown fields are refused rather than dropped, since a typo must not pass for an absent
 * optional field; one message per field (the first broken constraint). Values become instances of
 * their DTO; conversions are explicit (`@Type`), because implicit conversion would turn a JSON `42`
 * into the string "42" and hide a wrong type.
 */
@Injectable()
export class EdgeValidationPipe extends ValidationPipe {
  /**
   * The queries validated, by the object the request's query was parsed into: the read pipeline
   * validates a read route's query through this pipe before Nest runs it, so as not to wait for a read
   * model on a malformed request, and the route's turn then takes the instance made then rather than
   * validating the query a second time. Forgotten with the request.
   */
  private readonly validatedQueries = new WeakMap<object, { readonly metatype: unknown; readonly instance: unknown }>();

  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => invalidFields(toFieldErrors(errors)),
    });
    rememberValidationMetadata(getMetadataStorage());
  }

  /**
   * A body that is not a JSON object (absent, an array, a string) is refused as a whole. A query
   * already validated as the same DTO is answered with the instance made then (see `validatedQueries`).
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const expectsDto = metadata.type === 'body' && metadata.metatype !== undefined && !NOT_DTOS.includes(metadata.metatype);
    if (expectsDto && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw invalidFields([{ field: 'body', message: 'must be a JSON object' }]);
    }
    if (metadata.type !== 'query' || typeof value !== 'object' || value === null) return super.transform(value, metadata);
    const known = this.validatedQueries.get(value);
    if (known !== undefined && known.metatype === metadata.metatype) return known.instance;
    const instance = await super.transform(value, metadata);
    this.validatedQueries.set(value, { metatype: metadata.metatype, instance });
    return instance;
  }
}

type ValidatedClass = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type ValidationMetadataByProperty = Record<string, ValidationMetadata[]>;

const rememberingStorages = new WeakSet<MetadataStorage>();

/**
 * class-validator finds the constraints of each object it validates by walking every class that has
 * any, looking for the object's class and its ancestors: a cost that grows with the API, paid for the
 * body and for each nested object of every request. The answer only changes when a constraint is
 * registered, which the decorators do as their modules load: so it is remembered per class and schema
 * name (class-validator names the parent's class as the schema of a nested object), for validation
 * without groups as this pipe runs it, and forgotten whenever a constraint is added. The remembered
 * lists are shared, which is safe because class-validator only reads them.
 */
export function rememberValidationMetadata(storage: MetadataStorage): void {
  if (rememberingStorages.has(storage)) return;
  rememberingStorages.add(storage);
  const byClass = new Map<ValidatedClass, Map<string | undefined, ValidationMetadata[]>>();
  const byProperty = new WeakMap<ValidationMetadata[], ValidationMetadataByProperty>();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);

  storage.addValidationMetadata = (metadata) => {
    byClass.clear();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (always || strictGroups || (groups !== undefined && groups.length > 0)) return lookUp(target, schema, always, strictGroups, groups);
    let bySchema = byClass.get(target);
    if (bySchema === undefined) byClass.set(target, (bySchema = new Map()));
    let metadatas = bySchema.get(schema);
    if (metadatas === undefined) {
      metadatas = lookUp(target, schema, always, strictGroups, groups);
      bySchema.set(schema, metadatas);
    }
    return metadatas;
  };
  storage.groupByPropertyName = (metadatas) => {
    let grouped = byProperty.get(metadatas);
    if (grouped === undefined) {
      grouped = group(metadatas);
      byProperty.set(metadatas, grouped);
    }
    return grouped;
  };
}

/** One entry per field, with its dotted path (`amount.minor`, `items.0.name`). */
export function toFieldErrors(errors: readonly ClassValidatorError[], parent?: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent === undefined ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

function invalidFields(errors: readonly FieldError[]): ValidationError {
  const fields = [...new Set(errors.map((error) => error.field))];
  return new ValidationError(`invalid ${fields.join(', ')}`, errors);
}
