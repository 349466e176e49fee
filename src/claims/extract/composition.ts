/**
 * Who was arrested, by criminal history or kind of arrest: counts of people with or without a record
 * ("205 of the 370 people ... had been charged with crimes", "only 16 had a criminal record"), shares
 * written as fractions of those held or arrested, and unquantified statements ("many without criminal
 * records were detained", "numerous others were arrested as collaterals").
 */

/** What composition is about: criminal history, the kind of arrest, or immigration-only charges. */
export const CRITERION = /\b(?:criminal|convict|conviction|charges?\b|charged|crimes?\b|records?\b|offen[cs]es?|violent|collateral|targeted|at-large|at large|non-?criminal|immigration[- ]related|related to immigration|administrative|murder|gang|deportation orders?|removal orders?|final orders?|threat|histor(?:y|ies)|offenders?|felon(?:y|ies|s)?\b|immigration violations?)/i;

/** After a count: the people it counts and what they had or were ("of those arrested had criminal records"). */
const HAD_AFTER = new RegExp(
  String.raw`^\s*(?:(?:of|out of)\s+(?:the\s+|those\s+|them\b|these\b|all\b)?[^.;,]{0,70}?)?(?:[\w’'-]+\s+){0,3}?(?:had|have|has|were|was|are|is|did not have|do not have|didn't have|involved|included|with|without|who had|who have|described as|classified as|categorized as|identified as|considered|accused|convicted|charged|having)\b(?:\s+[\w’'“”"-]+){0,6}?\s*` +
    CRITERION.source,
  'i',
);
/** Before a count: "Criminal records of 44 of them". */
const CRITERION_OF_BEFORE = new RegExp(String.raw`${CRITERION.source}[^.;]{0,20}\bof\s+$`, 'i');

export function isCompositionCount(before: string, after: string): boolean {
  if (/\bof\s+(?:the|those|all)\s*$/i.test(before)) return false; // "half of the 1,200 arrested": the whole, not a part
  if (/^\s*[“"]?(?:administrative|collateral|criminal|non-?criminal|immigration-related)[”"]?\s+arrests?\b/i.test(after)) return true;
  // "13 registered sex offenders", "40 aggravated felons", "262 criminal aliens": people named by their record.
  if (/^\s*(?:[\w-]+\s+){0,2}?(?:sex offenders|felons|offenders|murderers|criminal (?:aliens|illegal aliens|migrants|immigrants))\b/i.test(after)) return true;
  return HAD_AFTER.test(after.slice(0, 160)) || CRITERION_OF_BEFORE.test(before.slice(-40));
}

/** "many people without criminal charges", "Most of the people ... do not have a criminal conviction", "many were collaterals". */
const UNQUANTIFIED = [
  /\b(?:many|most|numerous|the majority|a majority|a handful|enormous numbers|large numbers|a growing number)\b(?:\s+[\w’'-]+){0,8}?\s+(?:without|with no|who (?:have|had) no|do not have|did not have|does not have|don't have|didn't have|had no|have no|has no|lacked|lack|not|only)\s+(?:[\w-]+\s+){0,3}?(?:criminal|conviction|charges|records?|offen[cs]es|convicted|charged)\b/gi,
  /\b(?:many|numerous|most|some|others)\b(?:\s+[\w’'-]+){0,4}?\s+(?:were|was|are)\s+(?:arrested\s+as\s+)?[“"]?collaterals?\b/gi,
  /\b(?:at-large|collateral)\s+arrests?\b[^.;]{0,120}?\b(?:account for|make up|made up|majority|most|share|rose|grew|increase)/gi,
];

export function findUnquantified(sentence: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const re of UNQUANTIFIED) for (const m of sentence.matchAll(re)) out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}
