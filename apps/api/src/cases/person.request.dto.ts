import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCountry } from '@passerelle/geography';
import { SingleLine, Nested, NotBlank } from '@passerelle/http';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { PersonInput } from './person';
import { IsE164Phone, toE164 } from '../shared/phone-number';
import { caseLanguageTag, EARLIEST_BIRTH_DATE, IsBirthDate, IsLanguageTag } from './person.validators';

class NotesRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  notes?: string;
}

class LegalRequest extends NotesRequest {
  @ApiPropertyOptional({ example: 'asylum_seeker' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @Length(1, 100)
  residenceStatus?: string;
}

class ChildrenRequest extends NotesRequest {
  @ApiPropertyOptional({ type: 'integer', example: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  count?: number;
}

/**
 * The woman's personal data, grouped by consent category: identity (names, birth date,
 * nationality), contact (phone, email, languages), health, legal, vulnerability, children.
 * Each category is sealed separately so consent can open one without the others.
 */
export class PersonRequest implements PersonInput {
  @ApiPropertyOptional({ example: 'Awa' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @NotBlank()
  @Length(1, 200)
  givenName?: string;

  @ApiPropertyOptional({ example: 'Diallo' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @NotBlank()
  @Length(1, 200)
  familyName?: string;

  @ApiPropertyOptional({ example: '1994-03-02', format: 'date', description: `From ${EARLIEST_BIRTH_DATE} to today` })
  @IsOptional()
  @IsBirthDate()
  birthDate?: string;

  @ApiPropertyOptional({ example: 'CI', description: 'ISO 3166-1 alpha-2 country code, upper case' })
  @IsOptional()
  @IsCountry()
  nationality?: string;

  @ApiPropertyOptional({ example: ['fr', 'dyu'], description: 'BCP 47 language tags (fr, dyu, prs, fr-CI), stored in their standard case' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(caseLanguageTag) : value))
  @IsLanguageTag({ each: true })
  languages?: string[];

  @ApiPropertyOptional({
    example: '+33600000000',
    description: 'Stored in E.164 (+33612345678); a number without country code is read as French (06 12 34 56 78)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => toE164(value))
  @IsE164Phone()
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ type: NotesRequest })
  @IsOptional()
  @Nested(() => NotesRequest)
  health?: NotesRequest;

  @ApiPropertyOptional({ type: LegalRequest })
  @IsOptional()
  @Nested(() => LegalRequest)
  legal?: LegalRequest;

  @ApiPropertyOptional({ type: NotesRequest })
  @IsOptional()
  @Nested(() => NotesRequest)
  vulnerability?: NotesRequest;

  @ApiPropertyOptional({ type: ChildrenRequest })
  @IsOptional()
  @Nested(() => ChildrenRequest)
  children?: ChildrenRequest;
}
