import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, lowerCaseUuid } from '@passerelle/http';
import { Transform } from 'class-transformer';
import {
  CONSENT_CATEGORIES,
  ORGANISATION_ID,
  SERVICES,
  URGENCIES,
  type ConsentCategory,
  type Service,
  type Urgency,
} from '@passerelle/domain';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';

export class MakeReferralRequest {
  @ApiProperty({ format: 'uuid' })
  @Transform(lowerCaseUuid)
  @IsUUID()
  caseId: string;

  @ApiProperty({ example: 'refuge-75' })
  @IsString()
  @Matches(ORGANISATION_ID, { message: 'to must be an organisation id' })
  to: string;

  @ApiProperty({ enum: SERVICES })
  @IsIn(SERVICES)
  service: Service;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({
    enum: CONSENT_CATEGORIES,
    isArray: true,
    description: 'Categories of her data the receiver will see; her consent must cover each',
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(CONSENT_CATEGORIES, { each: true })
  sharedCategories: ConsentCategory[];

  @ApiPropertyOptional({ example: 'Needs a place tonight', description: 'Encrypted with her data key' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  message?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2026-12-01T12:00:00Z', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInstant()
  respondBy?: string | null;
}
