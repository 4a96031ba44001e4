import type { AgeBand } from '@passerelle/domain';
import type { SeededRandom } from './random';

export interface SeedPerson {
  givenName: string;
  familyName: string;
  birthDate: string;
  nationality: string;
  languages: string[];
  phone: string;
}

const GIVEN = [
  'Awa',
  'Fatoumata',
  'Aïcha',
  'Mariam',
  'Chioma',
  'Blessing',
  'Joy',
  'Hélène',
  'Oksana',
  'Nadia',
  'Précious',
  'Esther',
  'Adjoa',
  'Khadija',
  'Mónica',
  'Zeynep',
  'Grâce',
  'Rokia',
  'Ngozi',
  'Lựu',
  'Amina',
  'Djénéba',
  'Ifeoma',
  'Olena',
];
const FAMILY = [
  'Diallo',
  'Traoré',
  "N'Diaye",
  'Okafor',
  'Koné',
  'Ébéné',
  'Müller',
  'Obi',
  'Ekwueme',
  'Camara',
  'Sissoko',
  'Nguyễn',
  'Bâ',
  'Çelik',
  'Kouyaté',
  'Mbengue',
  'Eze',
  'Shevchenko',
  'Fofana',
  'Adébáyọ̀',
];
const ORIGINS: { nationality: string; languages: string[] }[] = [
  { nationality: 'NG', languages: ['en', 'ig'] },
  { nationality: 'CI', languages: ['fr', 'dyu'] },
  { nationality: 'ML', languages: ['fr', 'bm'] },
  { nationality: 'GN', languages: ['fr', 'ff'] },
  { nationality: 'UA', languages: ['uk'] },
  { nationality: 'CM', languages: ['fr', 'en'] },
  { nationality: 'VN', languages: ['vi'] },
  { nationality: 'TR', languages: ['tr'] },
  { nationality: 'CO', languages: ['es'] },
];

/** A fictitious woman; two given names sometimes, as real files often have. */
export function planPerson(random: SeededRandom, index: number, identifiedAt: Date): SeedPerson {
  const minor = random.chance(0.05);
  const age = minor ? random.int(15, 17) : Math.min(68, 18 + Math.floor(random.exponential(11)));
  const birth = new Date(identifiedAt.getTime() - (age * 365.25 + random.int(0, 360)) * 86_400_000);
  const origin = random.pick(ORIGINS);
  const given = random.chance(0.2) ? `${random.pick(GIVEN)} ${random.pick(GIVEN)}` : random.pick(GIVEN);
  return {
    givenName: given,
    familyName: random.pick(FAMILY),
    birthDate: birth.toISOString().slice(0, 10),
    nationality: origin.nationality,
    languages: origin.languages,
    // Numbers in the range reserved for fiction; the index keeps them distinct.
    phone: `+336${String(10_000_000 + index).slice(-8)}`,
  };
}

export function ageBandAt(birthDate: string, at: Date): AgeBand {
  const birth = new Date(`${birthDate}T00:00:00Z`);
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < birth.getUTCMonth() || (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  if (age < 18) return '0-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}

/**
 * How a second organisation writes the same woman: capitals, no accents, names swapped between
 * family and given, apostrophes dropped. The linkage key must still match (docs/architecture.md#encryption-erasure-and-linkage).
 */
export function rewritten(random: SeededRandom, person: SeedPerson): SeedPerson {
  const stripAccents = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');
  let { givenName, familyName } = person;
  switch (random.weighted({ upperFamily: 1, swapped: 1, noAccents: 1, noApostrophe: 1, allCaps: 1 })) {
    case 'upperFamily':
      familyName = familyName.toUpperCase();
      break;
    case 'swapped':
      [givenName, familyName] = [familyName, givenName];
      break;
    case 'noAccents':
      givenName = stripAccents(givenName);
      familyName = stripAccents(familyName);
      break;
    case 'noApostrophe':
      familyName = familyName.replace(/'/g, '');
      givenName = givenName.toLowerCase();
      break;
    case 'allCaps':
      givenName = stripAccents(givenName).toUpperCase();
      familyName = stripAccents(familyName).toUpperCase();
      break;
  }
  return { ...person, givenName, familyName, phone: person.phone.replace('+33', '0') };
}
