import { Nested } from '@passerelle/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGE_BANDS,
  IDENTIFICATION_LEVELS,
  INDICATORS,
  SAFE_CHANNELS,
  type AgeBand,
  type IdentificationLevel,
  type Indicator,
  type SafeChannel,
} from '@passerelle/domain';
import { IsDepartment } from '@passerelle/geography';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ConsentRequest } from '../consent.request.dto';
import { PersonRequest } from '../person.request.dto';

class SafetyRequest {
  @ApiProperty({ description: 'Never contact her directly' })
  @IsBoolean()
  doNotContact: boolean;

  @ApiProperty({ enum: SAFE_CHANNELS })
  @IsIn(SAFE_CHANNELS)
  safeChannel: SafeChannel;
}

export class IdentifyPersonRequest {
  @ApiProperty({ type: PersonRequest })
  @Nested(() => PersonRequest)
  person: PersonRequest;

  @ApiProperty({ enum: IDENTIFICATION_LEVELS, description: '`formal` only by an authority' })
  @IsIn(IDENTIFICATION_LEVELS)
  level: IdentificationLevel;

  @ApiProperty({ enum: INDICATORS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(INDICATORS.length)
  @IsIn(INDICATORS, { each: true })
  indicators: Indicator[];

  @ApiProperty({ example: '93' })
  @IsDepartment()
  department: string;

  @ApiProperty({ enum: AGE_BANDS })
  @IsIn(AGE_BANDS)
  ageBand: AgeBand;

  @ApiProperty({ type: SafetyRequest })
  @Nested(() => SafetyRequest)
  safety: SafetyRequest;

  @ApiPropertyOptional({ type: ConsentRequest, description: 'Her first consent, recorded with the identification' })
  @IsOptional()
  @Nested(() => ConsentRequest)
  consent?: ConsentRequest;
}
