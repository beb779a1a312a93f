import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested, getMetadataStorage, registerDecorator, type MetadataStorage } from 'class-validator';
import { ValidationError } from '#kernel';
import { EdgeValidationPipe, rememberValidationMetadata } from './validation.pipe.js';

class Amount {
  @IsInt()
  @Min(0)
  readonly minor!: number;

  @IsString()
  readonly currency!: string;
}

class Named {
  @IsString()
  readonly name!: string;
}

class Payment extends Named {
  @ValidateNested()
  @Type(() => Amount)
  readonly amount!: Amount;
}

const body = (metatype: new () => object) => ({ type: 'body' as const, metatype });

async function fieldErrorsOf(pipe: EdgeValidationPipe, value: unknown, metatype: new () => object): Promise<unknown> {
  try {
    await pipe.transform(value, body(metatype));
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors;
  }
}

describe('EdgeValidationPipe', () => {
  const pipe = new EdgeValidationPipe();

  it('checks inherited and nested constraints alike on every request, and refuses unknown fields', async () => {
    const invalid = { name: 7, amount: { minor: -1, currency: 'EUR', cents: 3 }, extra: true };
    const expected = [
      { field: 'extra', message: 'property extra should not exist' },
      { field: 'amount.cents', message: 'property cents should not exist' },
      { field: 'amount.minor', message: 'minor must not be less than 0' },
      { field: 'name', message: 'name must be a string' },
    ];
    expect(await fieldErrorsOf(pipe, invalid, Payment)).toEqual(expected);
    expect(await fieldErrorsOf(pipe, invalid, Payment)).toEqual(expected);
    expect(await fieldErrorsOf(pipe, { name: 'refund', amount: { minor: 1, currency: 'EUR' } }, Payment)).toEqual([]);
  });

  it('applies a constraint registered after a class was first validated', async () => {
    class Late {
      @IsString()
      readonly note!: string;
    }
    expect(await fieldErrorsOf(pipe, { note: 'x' }, Late)).toEqual([]);
    registerDecorator({
      name: 'longNote',
      target: Late,
      propertyName: 'note',
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length > 3, defaultMessage: () => 'note is too short' },
    });
    expect(await fieldErrorsOf(pipe, { note: 'x' }, Late)).toEqual([{ field: 'note', message: 'note is too short' }]);
  });

  it('validates a query once: the same parsed query as the same DTO gets the instance made the first time', async () => {
    const query = { name: 'refunds' };
    const first = await pipe.transform(query, { type: 'query', metatype: Named });
    expect(first).toBeInstanceOf(Named);
    expect(await pipe.transform(query, { type: 'query', metatype: Named })).toBe(first);
    expect(await new EdgeValidationPipe().transform(query, { type: 'query', metatype: Named })).not.toBe(first);
    expect(await pipe.transform({ name: 'refunds' }, { type: 'query', metatype: Named })).not.toBe(first);
    expect(await pipe.transform(query, { type: 'query', metatype: Payment })).not.toBe(first);
  });

  it('validates a refused query again, refusing it again', async () => {
    const query = { name: 7 };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(pipe.transform(query, { type: 'query', metatype: Named })).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('leaves the global metadata storage remembering once, however many pipes there are', () => {
    const storage = getMetadataStorage();
    const lookUp = storage.getTargetValidationMetadatas;
    new EdgeValidationPipe();
    expect(storage.getTargetValidationMetadatas).toBe(lookUp);
  });
});

describe('rememberValidationMetadata', () => {
  /** A storage that counts its walks over the registered classes. */
  function countingStorage() {
    const walks: unknown[] = [];
    const storage = {
      getTargetValidationMetadatas: (target: unknown) => {
        walks.push(target);
        return [{ propertyName: 'name' }];
      },
      groupByPropertyName: (metadatas: { propertyName: string }[]) => ({ [metadatas[0]!.propertyName]: metadatas }),
      addValidationMetadata: () => undefined,
    } as unknown as MetadataStorage;
    rememberValidationMetadata(storage);
    return { storage, walks };
  }

  it('walks the classes once per class and schema name without groups, and hands out the same grouping', () => {
    const { storage, walks } = countingStorage();
    const first = storage.getTargetValidationMetadatas(Payment, undefined as unknown as string, false, false);
    const again = storage.getTargetValidationMetadatas(Payment, undefined as unknown as string, false, false);
    storage.getTargetValidationMetadatas(Amount, 'Payment', false, false);
    storage.getTargetValidationMetadatas(Amount, 'Payment', false, false);
    storage.getTargetValidationMetadatas(Amount, 'Refund', false, false);
    expect(again).toBe(first);
    expect(walks).toEqual([Payment, Amount, Amount]);
    expect(storage.groupByPropertyName(again)).toBe(storage.groupByPropertyName(first));
  });

  it('walks again after a constraint is added, and every time with groups or their options', () => {
    const { storage, walks } = countingStorage();
    storage.getTargetValidationMetadatas(Payment, undefined as unknown as string, false, false);
    storage.addValidationMetadata({} as Parameters<MetadataStorage['addValidationMetadata']>[0]);
    storage.getTargetValidationMetadatas(Payment, undefined as unknown as string, false, false);
    for (let run = 0; run < 2; run++) {
      storage.getTargetValidationMetadatas(Payment, undefined as unknown as string, false, false, ['admin']);
      storage.getTargetValidationMetadatas(Payment, undefined as unknown as string, true, false);
      storage.getTargetValidationMetadatas(Payment, undefined as unknown as string, false, true);
    }
    expect(walks).toHaveLength(8);
  });
});
