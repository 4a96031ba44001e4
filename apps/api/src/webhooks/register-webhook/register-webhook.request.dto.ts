import { ApiProperty } from '@nestjs/swagger';
import { INTEGRATION_EVENT_TYPES } from '@passerelle/contracts';
import { SingleLine } from '@passerelle/http';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';

const EVENT_FILTERS = ['*', ...INTEGRATION_EVENT_TYPES];

export class RegisterWebhookRequest {
  @ApiProperty({ example: 'https://partner.example/passerelle', description: 'https; a public address (checked again at every delivery)' })
  @IsString()
  @SingleLine()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: EVENT_FILTERS, isArray: true, example: ['*'], description: '`*` for every event your organisation may see' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(EVENT_FILTERS.length)
  @IsIn(EVENT_FILTERS, { each: true })
  events: string[];
}
