import { SegmentedMessage } from 'sms-segments-calculator';
import type { SmsText } from './printable-document';

/**
 * Counts an SMS the way the network does, with Twilio's segment calculator: GSM-7 when every
 * character is in the GSM alphabet, UCS-2 otherwise (Arabic, Dari, Pashto and Tigrinya always).
 * `tidyPunctuation` turns typographic quotes, dashes and non-breaking spaces into their GSM-7
 * equivalents; it is only for Latin-script text, as it would also strip the zero-width non-joiner
 * that Dari and Pashto words need.
 */
export function smsText(text: string, tidyPunctuation: boolean): SmsText {
  const message = new SegmentedMessage(text, 'auto', tidyPunctuation);
  return {
    text: message.graphemes.join(''),
    encoding: message.encodingName,
    characters: message.numberOfCharacters,
    segments: message.segmentsCount,
  };
}
