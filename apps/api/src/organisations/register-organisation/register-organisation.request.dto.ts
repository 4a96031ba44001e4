import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_ID, ORGANISATION_KINDS, SERVICES, type OrganisationKind, type Service } from '@passerelle/domain';
import { IsDepartment } from '@passerelle/geography';
import { SingleLine } from '@passerelle/http';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';

/** A refuge's address is confidential: the directory holds its département and services, never a location. */
export class RegisterOrganisationRequest {
  @ApiProperty({ example: 'asso-93', description: 'Stable lowercase id chosen by the network' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'id must be 2–63 lowercase letters, digits or dashes' })
  id: string;

  @ApiProperty({ example: 'Association 93' })
  @IsString()
  @SingleLine()
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
}
