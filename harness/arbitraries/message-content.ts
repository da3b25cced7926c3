// Synthetic report content for tests and demos: names, places and phone numbers from faker's nb_NO
// locale, and a national identity number (fødselsnummer) that cannot belong to a real person.
//
// The identity-number guarantee has two locks:
//   1. The month is stored + 80 (Skatteetaten's convention for synthetic numbers in the Tenor test
//      data set). Real numbers carry months 01–12 (fødselsnummer, D-number) or 41–52 (H-number), so
//      81–92 can never be issued to a person.
//   2. Both mod-11 control digits are valid, so the number passes every validator a case system runs —
//      the content is realistic enough to exercise real parsing without being anyone's number.
// `isSyntheticFodselsnummer` checks both and the property tests run it on every generated report.

import * as fc from 'fast-check';
import { Faker, base, en, nb_NO } from '@faker-js/faker';
import type { SenderKind } from '../ledger/entries.js';
import { KvitteringError } from '../errors.js';

/** Opens every generated free text, so a report shown anywhere says it is test data. */
const TESTDATA_MARKER = 'TESTDATA:';

/** Added to the birth month: Skatteetaten's marker for synthetic identity numbers. */
const SYNTHETIC_MONTH_OFFSET = 80;

const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Mod-11 control digit over `digits` with `weights`; undefined when the remainder gives 10 (unusable). */
function controlDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  let sum = 0;
  weights.forEach((w, i) => { sum += w * (digits[i] ?? 0); });
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? undefined : k;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A synthetic fødselsnummer for someone born on the given date (UTC). `individual` (0–999) picks the
 * individual number inside the range of the birth century; numbers whose control digit would be 10 are
 * skipped deterministically by stepping to the next individual number.
 */
function syntheticFodselsnummer(birth: Date, individual: number): string {
  const year = birth.getUTCFullYear();
  if (year < 1940 || year > 2039) throw new KvitteringError('E_FNR_YEAR', `birth year is ${year} — expected 1940–2039`);
  // Individual-number ranges by century (Folkeregisteret): 2000–2039 use 500–999, 1940–1999 use 000–499.
  const [low, high] = year >= 2000 ? [500, 999] : [0, 499];
  const span = high - low + 1;
  const prefix = `${pad2(birth.getUTCDate())}${pad2(birth.getUTCMonth() + 1 + SYNTHETIC_MONTH_OFFSET)}${pad2(year % 100)}`;
  for (let step = 0; step < span; step++) {
    const iii = low + ((Math.abs(Math.trunc(individual)) + step) % span);
    const nine = `${prefix}${String(iii).padStart(3, '0')}`;
    const digits = [...nine].map(Number);
    const k1 = controlDigit(digits, K1_WEIGHTS);
    if (k1 === undefined) continue;
    const k2 = controlDigit([...digits, k1], K2_WEIGHTS);
    if (k2 === undefined) continue;
    return `${nine}${k1}${k2}`;
  }
  throw new KvitteringError('E_FNR', 'no valid individual number for this date'); // unreachable: ~1 in 11 fail
}

/** True for an 11-digit number with a synthetic month (81–92) and valid mod-11 control digits. */
function isSyntheticFodselsnummer(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const month = Number(value.slice(2, 4)) - SYNTHETIC_MONTH_OFFSET;
  if (month < 1 || month > 12) return false;
  const k1 = controlDigit(digits.slice(0, 9), K1_WEIGHTS);
  const k2 = controlDigit(digits.slice(0, 10), K2_WEIGHTS);
  return k1 === digits[9] && k2 === digits[10];
}

interface MessageContent {
  /** Always true: every generated report says it is test data, so no one mistakes it for a real one. */
  testdata: true;
  reporter: { name: string; kind: SenderKind; organisation?: string; phone: string };
  child: { name: string; fodselsnummer: string; birthDate: string };
  municipality: string;
  concern: string;
}

interface MessageContentConstraints {
  /** Reporter kind; both when omitted. */
  sender?: SenderKind;
}

// Child-welfare concern phrases written for this project (not taken from any real report).
const concerns = [
  'Barnet kommer ofte sultent på skolen og har ikke med matpakke.',
  'Barnet har hatt mye ugyldig fravær de siste ukene.',
  'Barnet forteller om krangling og høye stemmer hjemme om kvelden.',
  'Barnet virker engstelig og vil ikke gå hjem etter skoletid.',
  'Foresatte har ikke møtt til avtalte samtaler dette semesteret.',
  'Barnet har synlige blåmerker som ikke er forklart.',
] as const;
const publicOrganisations = ['barnehage', 'skole', 'helsestasjon', 'legekontor', 'politiet'] as const;

const fixedBirthRange = { min: new Date(Date.UTC(2006, 0, 1)), max: new Date(Date.UTC(2023, 11, 31)) };

/** Made on demand from a seed, so a run carries only numbers (see simulators/portal/message.ts). */
function messageContentFrom(seed: number, sender: SenderKind, birth: Date, individual: number): MessageContent {
  const faker = new Faker({ locale: [nb_NO, en, base], seed });
  const lastName = faker.person.lastName();
  const municipality = faker.location.city();
  const reporter = sender === 'public'
    ? { name: `${faker.person.firstName()} ${faker.person.lastName()}`, kind: sender, organisation: `${municipality} ${faker.helpers.arrayElement(publicOrganisations)}`, phone: faker.phone.number() }
    : { name: `${faker.person.firstName()} ${faker.person.lastName()}`, kind: sender, phone: faker.phone.number() };
  return {
    testdata: true,
    reporter,
    child: { name: `${faker.person.firstName()} ${lastName}`, fodselsnummer: syntheticFodselsnummer(birth, individual), birthDate: birth.toISOString().slice(0, 10) },
    municipality,
    concern: `${TESTDATA_MARKER} ${faker.helpers.arrayElements(concerns, { min: 1, max: 2 }).join(' ')}`,
  };
}

/** Synthetic report content; shrinks towards the earliest birth date and individual number. */
function messageContentArbitrary(constraints: MessageContentConstraints = {}): fc.Arbitrary<MessageContent> {
  const sender = constraints.sender === undefined ? fc.constantFrom<SenderKind>('public', 'private') : fc.constant(constraints.sender);
  return fc.record({
    seed: fc.nat({ max: 0x7fffffff }),
    sender,
    birth: fc.date({ ...fixedBirthRange, noInvalidDate: true }),
    individual: fc.nat({ max: 999 }),
  }).map(({ seed, sender: kind, birth, individual }) => messageContentFrom(seed, kind, birth, individual));
}

export {
  messageContentArbitrary, messageContentFrom, syntheticFodselsnummer, isSyntheticFodselsnummer,
  SYNTHETIC_MONTH_OFFSET, TESTDATA_MARKER,
};
export type { MessageContent, MessageContentConstraints };
