import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * A member that is an object of class `type`, validated by that class's own rules. class-validator's
 * ValidateNested alone lets a missing member through (the handler then met `undefined`: a 500 once);
 * with IsObject a missing or non-object member is a field error. For an optional member put
 * IsOptional() before it, as for any other rule. apps/ use this, never ValidateNested directly
 * (eslint.config.mjs).
 */
export function Nested(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject(), ValidateNested(), Type(type));
}
