import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ORGANISATION_ID, ORGANISATION_KINDS, SERVICES, type OrganisationKind, type Service } from '@passerelle/domain';
import { IsDepartment } from '@passerelle/geography';
import { SingleLine, Nested, NotBlank } from '@passerelle/http';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsE164Phone, toE164 } from '../../shared/phone-number';

/** How a woman reaches the organisation: printed on her consent receipt as whom to call to withdraw. */
export class OrganisationContactRequest {
  @ApiPropertyOptional({
    example: '+33 1 48 00 00 00',
    description:
      "A desk or hotline number, never a person's own; stored in E.164 (+33148000000), a number without country code read as French",
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => toE164(value))
  @IsE164Phone()
  phone?: string;

  @ApiPropertyOptional({ example: 'accueil@asso93.example' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;
}

/** A refuge's address is confidential: the directory holds its département and services, never a location. */
export class RegisterOrganisationRequest {
  @ApiProperty({ example: 'asso-93', description: 'Stable lowercase id chosen by the network' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'id must be 2–63 lowercase letters, digits or dashes' })
  id: string;

  @ApiProperty({ example: 'Association 93' })
  @IsString()
  @SingleLine()
  @NotBlank()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiProperty({ example: '93' })
  @IsDepartment()
  department: string;

  @ApiProperty({ enum: SERVICES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICES.length)
  @ArrayUnique()
  @IsIn(SERVICES, { each: true })
  services: Service[];

  @ApiPropertyOptional({ type: OrganisationContactRequest, description: 'Printed on consent receipts: whom she calls to withdraw' })
  @IsOptional()
  @Nested(() => OrganisationContactRequest)
  contact?: OrganisationContactRequest;
}
