import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { PersonInput } from './person';

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
  @Length(1, 100)
  residenceStatus?: string;
}

class ChildrenRequest extends NotesRequest {
  @ApiPropertyOptional({ example: 2 })
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
  @Length(1, 200)
  givenName?: string;

  @ApiPropertyOptional({ example: 'Diallo' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  familyName?: string;

  @ApiPropertyOptional({ example: '1994-03-02' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'birthDate must be a date as YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date as YYYY-MM-DD' })
  birthDate?: string;

  @ApiPropertyOptional({ example: 'CI', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'nationality must be an ISO 3166-1 alpha-2 code such as CI' })
  nationality?: string;

  @ApiPropertyOptional({ example: ['fr', 'dyu'], description: 'ISO 639 codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2,3}$/, { each: true, message: 'languages must be ISO 639 codes such as fr or dyu' })
  languages?: string[];

  @ApiPropertyOptional({ example: '+33600000000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{6,20}$/, { message: 'phone must be a phone number such as +33600000000' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ type: NotesRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotesRequest)
  health?: NotesRequest;

  @ApiPropertyOptional({ type: LegalRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalRequest)
  legal?: LegalRequest;

  @ApiPropertyOptional({ type: NotesRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotesRequest)
  vulnerability?: NotesRequest;

  @ApiPropertyOptional({ type: ChildrenRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChildrenRequest)
  children?: ChildrenRequest;
}
