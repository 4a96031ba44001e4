import { IsInt, IsString, MinLength, validate, getMetadataStorage } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Person {
  @IsString()
  @MinLength(2)
  familyName!: string;
}

class Adult extends Person {
  @IsInt()
  age!: number;
}

const errorsOf = async (object: object) =>
  (await validate(object, { whitelist: true, forbidNonWhitelisted: true })).map(
    (e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`,
  );

describe('the validation rules kept per class', () => {
  beforeAll(() => cacheValidationMetadata());

  it('validate as before, inherited rules included, however often a class is validated', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await errorsOf(Object.assign(new Adult(), { familyName: 'D', age: 'x' }))).toEqual(['age:isInt', 'familyName:minLength']);
      expect(await errorsOf(Object.assign(new Adult(), { familyName: 'Diallo', age: 30 }))).toEqual([]);
      expect(await errorsOf(Object.assign(new Person(), { familyName: 'Diallo', extra: 1 }))).toEqual(['extra:whitelistValidation']);
    }
  });

  it('see a rule added after a class was validated', async () => {
    class Late {
      @IsString()
      name!: string;
    }
    expect(await errorsOf(Object.assign(new Late(), { name: 'x' }))).toEqual([]);
    MinLength(3)(Late.prototype, 'name');
    expect(await errorsOf(Object.assign(new Late(), { name: 'x' }))).toEqual(['name:minLength']);
  });

  it('answer the same rules without looking them up again', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Adult, '', false, false);
    expect(storage.getTargetValidationMetadatas(Adult, '', false, false)).toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['age', 'familyName', 'familyName']);
  });
});
