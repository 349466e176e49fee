import { describe, expect, it } from 'vitest';
import { findDataAsOf, isHeaderRow, mapHeader } from './header.js';
import { commonRedactionSpellings, isRedactionMarker } from '../vocab/index.js';
import { LAYOUTS } from './layouts.js';

describe('header rows and preambles', () => {
  it('finds the header by its names, not its position, and maps both real layouts', () => {
    expect(isHeaderRow(['ICE ERO Administrative Arrests'])).toBe(false);
    expect(isHeaderRow([...LAYOUTS.mid2025])).toBe(true);
    const mid = mapHeader([...LAYOUTS.mid2025], { file: 'f' });
    expect(mid.layout).toBe('mid2025');
    expect(mid.personal.map((p) => p.name)).toEqual(['Birth Date', 'Alien File Number', 'EID Case ID', 'EID Subject ID']);
    const mar = mapHeader([...LAYOUTS.mar2026].reverse(), { file: 'f' });
    expect(mar.layout).toBe('mar2026');
    expect(mar.fields.get('arresting_agency')).toBe(LAYOUTS.mar2026.length - 1 - LAYOUTS.mar2026.indexOf('Arresting Agency'));
  });

  it('reports unknown columns without failing, and fails on a missing required one', () => {
    const map = mapHeader([...LAYOUTS.mid2025, 'Processing Disposition '], { file: 'f' });
    expect(map.unknown).toEqual(['Processing Disposition']);
    expect(() => mapHeader(LAYOUTS.mid2025.filter((h) => h !== 'Apprehension AOR'), { file: 'f.xlsx', sheet: 'S', row: 7 })).toThrow(
      'f.xlsx, sheet "S", row 7: missing required column: "Apprehension AOR"',
    );
  });

  it('reads "Data as of" in the spellings releases use', () => {
    expect(findDataAsOf(['ICE', 'Data as of 06/26/2025'])).toBe('2025-06-26');
    expect(findDataAsOf(['Data current as of: March 10, 2026'])).toBe('2026-03-10');
    expect(findDataAsOf(['Data as of 2025-13-40'])).toBeNull();
    expect(findDataAsOf(['nothing here'])).toBeNull();
  });

  it('recognizes FOIA redaction markers in their varied spellings, and nothing else', () => {
    for (const m of ['b(6), b(7)c', '(b)(6), (b)(7)(c)', '(b)(6)(b)(7)(c)', '(b)(7)(C)', 'REDACTED']) expect(isRedactionMarker(m)).toBe(true);
    for (const v of ['A123456789', '1990-04-02', 'Maria', 'b']) expect(isRedactionMarker(v)).toBe(false);
  });

  it('lists as common spellings only what the marker pattern accepts', () => {
    const spellings = commonRedactionSpellings();
    expect(spellings.length).toBeGreaterThan(100);
    expect(spellings.filter((s) => !isRedactionMarker(s))).toEqual([]);
  });
});
