import { ApiPropertyOptional } from '@nestjs/swagger';
import { RECEIPT_LANGUAGES, type ReceiptLanguage } from '@passerelle/receipts';
import { IsIn, IsOptional } from 'class-validator';

/** Her receipt or her access report: in which of the six languages. */
export class HerDocumentRequest {
  @ApiPropertyOptional({
    enum: RECEIPT_LANGUAGES,
    description: 'Her language (fa-AF is Dari); by default the language her latest consent was explained in, else French',
  })
  @IsOptional()
  @IsIn(RECEIPT_LANGUAGES, { message: `lang must be one of ${RECEIPT_LANGUAGES.join(', ')}` })
  lang?: ReceiptLanguage;
}
