import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, lowerCaseUuid } from '@passerelle/http';
import { Transform } from 'class-transformer';
import {
  CONSENT_CATEGORIES,
  ORGANISATION_ID,
  PLACE_REQUEST_RECIPIENTS,
  SERVICES,
  URGENCIES,
  type ConsentCategory,
  type Service,
  type Urgency,
} from '@passerelle/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';

export class MakePlaceRequestRequest {
  @ApiProperty({ format: 'uuid' })
  @Transform(lowerCaseUuid)
  @IsUUID()
  caseId: string;

  @ApiProperty({
    example: ['refuge-59a', 'refuge-59b'],
    minItems: PLACE_REQUEST_RECIPIENTS.min,
    maxItems: PLACE_REQUEST_RECIPIENTS.max,
    description: 'The organisations asked at once; the first to accept places her, the others are withdrawn (placed_elsewhere)',
  })
  @IsArray()
  @ArrayMinSize(PLACE_REQUEST_RECIPIENTS.min)
  @ArrayMaxSize(PLACE_REQUEST_RECIPIENTS.max)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(ORGANISATION_ID, { each: true, message: 'to must list organisation ids' })
  to: string[];

  @ApiProperty({ enum: SERVICES })
  @IsIn(SERVICES)
  service: Service;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ enum: CONSENT_CATEGORIES, isArray: true, description: 'Her consent must cover each, for every recipient' })
  @IsArray()
  @ArrayUnique()
  @IsIn(CONSENT_CATEGORIES, { each: true })
  sharedCategories: ConsentCategory[];

  @ApiPropertyOptional({ example: 'Needs a place tonight', description: 'Encrypted with her data key' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  message?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-12-01T22:00:00Z',
    nullable: true,
    description: 'With nobody accepting by then, the request expires',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInstant()
  respondBy?: string | null;
}
