import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant } from '@passerelle/http';
import {
  ANY_REFERRAL_RECIPIENT,
  CONSENT_CATEGORIES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  ORGANISATION_ID,
  type ConsentCategory,
  type ConsentMethod,
  type ConsentPurpose,
} from '@passerelle/domain';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import type { ConsentInput } from './person';

/** A recipient of her consent: an organisation id, or every organisation she is later referred to. */
const RECIPIENT = new RegExp(`^(${ORGANISATION_ID.source.slice(1, -1)}|${ANY_REFERRAL_RECIPIENT})$`);

/** Her consent: who may see which categories of her data, for which purpose, until when. */
export class ConsentRequest implements ConsentInput {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: RECIPIENT.source },
    example: ['refuge-75'],
    description: `Organisation ids, or "${ANY_REFERRAL_RECIPIENT}"`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(RECIPIENT, {
    each: true,
    message: 'recipients must be organisation ids or any_referral_recipient',
  })
  recipients: string[];

  @ApiProperty({ enum: CONSENT_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CONSENT_CATEGORIES, { each: true })
  categories: ConsentCategory[];

  @ApiProperty({ enum: CONSENT_PURPOSES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CONSENT_PURPOSES, { each: true })
  purposes: ConsentPurpose[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'ISO 8601 time after which the consent lapses by itself',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInstant()
  expiresAt?: string | null;

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;

  @ApiPropertyOptional({ pattern: '^[a-z]{2,3}$', example: 'fr', description: 'Language in which consent was explained' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be an ISO 639 code such as fr' })
  language?: string;
}
