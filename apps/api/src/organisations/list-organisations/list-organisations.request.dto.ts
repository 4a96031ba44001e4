import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS, SERVICES, type OrganisationKind, type Service } from '@passerelle/domain';
import { IsDepartment } from '@passerelle/geography';
import { IsIn, IsOptional } from 'class-validator';

export class ListOrganisationsRequest {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ example: '93' })
  @IsOptional()
  @IsDepartment()
  department?: string;

  @ApiPropertyOptional({ enum: SERVICES })
  @IsOptional()
  @IsIn(SERVICES)
  service?: Service;
}
