import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvScanner } from './csvScanner.js';
import { SheetScanner, columnName } from './xlsx/sheetScanner.js';
import type { CellValue } from './xlsx/rowView.js';
import { findNumbers, parseNumberWords } from '../claims/extract/numbers.js';

const csvField = (s: string) => (/[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('property: readers give back what was written, however the bytes are cut', () => {
  it('CSV: any fields, any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 64 }),
        (rows, chunk) => {
          const text = rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\n';
          const out: string[][] = [];
          const scanner = new CsvScanner('p.csv', (_n, row) => out.push(row.values().map((v) => (v === null ? '' : String(v)))));
          const bytes = Buffer.from(text, 'utf8');
          for (let i = 0; i < bytes.length; i += chunk) scanner.push(bytes.subarray(i, i + chunk));
          scanner.end();
          // A BOM-like first byte is not generated; empty fields read as empty.
          expect(out).toEqual(rows.map((r) => r.map((f) => f)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('XLSX sheet XML: any text and numbers, any chunking', () => {
    const cell = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 15 }).filter((s) => s.trim() === s && s.length > 0), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 50 }), (rows, chunk) => {
        const xml = `<worksheet><sheetData>${rows
          .map((r, i) => `<row r="${i + 1}">${r.map((v, c) => (typeof v === 'number' ? `<c r="${columnName(c)}${i + 1}"><v>${Object.is(v, -0) ? "-0" : v}</v></c>` : `<c r="${columnName(c)}${i + 1}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`)).join('')}</row>`)
          .join('')}</sheetData></worksheet>`;
        const out: CellValue[][] = [];
        const scanner = new SheetScanner({ file: 'p.xlsx', sheet: 'S', sharedStrings: [] }, (_n, row) => out.push(row.values()));
        const bytes = Buffer.from(xml, 'utf8');
        for (let i = 0; i < bytes.length; i += chunk) scanner.push(bytes.subarray(i, i + chunk));
        scanner.end();
        expect(out).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });
});

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
function words(n: number): string {
  if (n < 20) return ONES[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${words(n % 100)}` : ''}`;
  return `${words(Math.floor(n / 1000))} thousand${n % 1000 ? ` ${words(n % 1000)}` : ''}`;
}

describe('property: the claim number parser', () => {
  it('reads any count written with thousands separators, with a hedge kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 99_999_999 }), fc.constantFrom('', 'nearly ', 'more than ', 'about '), (n, hedge) => {
        const [m] = findNumbers(`ICE made ${hedge}${n.toLocaleString('en-US')} arrests.`);
        expect(m.value).toBe(n);
        if (hedge) expect(m.qualifier).toBe(hedge.trim() === 'about' ? 'about' : hedge.trim());
      }),
      { numRuns: 300 },
    );
  });

  it('reads any number below a million written in words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        expect(parseNumberWords(words(n))).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});
