/** The same choice of language as her consent receipt. */
export { HerDocumentRequest } from '../get-consent-receipt/get-consent-receipt.request.dto';
