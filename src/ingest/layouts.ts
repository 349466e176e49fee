/** The column orders of the real ICE arrests releases, as they stand in the header row. */
export const LAYOUTS = {
  mid2025: [
    'Apprehension Date', 'Apprehension State', 'Apprehension County', 'Apprehension AOR', 'Final Program',
    'Final Program Group', 'Apprehension Method', 'Apprehension Criminality', 'Case Status', 'Case Category',
    'Departed Date', 'Departure Country', 'Final Order Yes No', 'Final Order Date', 'Birth Date', 'Birth Year',
    'Citizenship Country', 'Gender', 'Apprehension Site Landmark', 'Alien File Number', 'EID Case ID',
    'EID Subject ID', 'Unique Identifier',
  ],
  mar2026: [
    'Apprehension Date', 'Apprehension State', 'Apprehension County', 'Apprehension AOR', 'Apprehension Type',
    'TOA Current Duty AOR', 'Arresting Agency', 'Operation', 'Final Program', 'Final Program Group',
    'Apprehension Method', 'Apprehension Criminality', 'Case Criminality', 'Case Threat Level', 'Case Status',
    'Case Category', 'Departed Date', 'Departure Country', 'Final Order Yes No', 'Final Order Date', 'Birth Year',
    'Citizenship Country', 'Gender', 'Apprehension Site Landmark', 'Anonymized Identifier',
  ],
} as const;

export type LayoutName = keyof typeof LAYOUTS;
export const LAYOUT_NAMES = Object.keys(LAYOUTS) as LayoutName[];

/** Name the layout a header matches: the 2026 columns mark mar2026; the 2025 identifier marks mid2025. */
export function detectLayout(foldedHeaders: string[]): LayoutName | 'custom' {
  const has = (h: string) => foldedHeaders.includes(h);
  if (has('arresting agency') || has('anonymized identifier') || has('toa current duty aor')) return 'mar2026';
  if (has('unique identifier') && has('final program group')) return 'mid2025';
  return 'custom';
}
