import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

/** A page, article, document or data release that records cite. */
export const SourceSchema = z.object({
  id,
  outlet: z.string().min(1),
  url: z.string().url(),
  title: z.string().optional(),
  published: isoDate.optional(),
  author: z.string().optional(),
  kind: z.enum(['article', 'agency_post', 'document', 'data_release', 'court_filing', 'interview']).default('article'),
});

/** How a record is sourced in one source: who said it there. */
export const CitationSchema = z.object({
  source: id,
  attribution: z.enum(['named_official', 'named_person', 'anonymous', 'outlet', 'first_reported_by', 'document', 'data_release']),
  /** The named person or outlet, e.g. "acting ICE Director Caleb Vitello" or "The Washington Post". */
  who: z.string().optional(),
  /** Anonymous sources: how many ("three sources familiar with the planning"). */
  count: z.number().int().positive().optional(),
  quote: z.string().optional(),
  note: z.string().optional(),
});

const sourced = { sources: z.array(CitationSchema).min(1, 'every record needs at least one source') };

export const OperationSchema = z.object({
  id,
  kind: z.literal('operation'),
  name: z.string(),
  places: z.array(z.string()).min(1),
  aor: z.string().length(3).optional(),
  start: isoDate,
  end: isoDate.optional(),
  /** When reporting said it would start, if that differs from when it did. */
  planned_start: isoDate.optional(),
  /** The dates are as announced, not as later reported; where the operation stands is computed (timing.ts). */
  planned: z.boolean().default(false),
  agencies: z.array(z.string()).default([]),
  description: z.string(),
  ...sourced,
});

export const GoalSchema = z.object({
  id,
  kind: z.literal('goal'),
  low: z.number().positive().optional(),
  high: z.number().positive().optional(),
  value: z.number().positive().optional(),
  unit: z.enum(['per_day', 'per_week', 'total']),
  scope: z.string(),
  effective_from: isoDate,
  effective_to: isoDate.optional(),
  set_by: z.string().optional(),
  description: z.string(),
  /** Each account of what the number is, sourced separately so that conflicting accounts stand side by side. */
  characterizations: z
    .array(z.object({ as: z.enum(['goal_for_motivation', 'quota_with_penalties', 'target', 'minimum', 'no_quota']), ...sourced }))
    .default([]),
  ...sourced,
});

export const StatementSchema = z.object({
  id,
  kind: z.literal('statement'),
  by: z.string(),
  role: z.string().optional(),
  about: z.array(z.string()).default([]),
  date: isoDate.optional(),
  text: z.string(),
  /** A stated rate of operations, e.g. three cities per week. */
  cadence: z.object({ cities: z.number().int().positive(), per: z.enum(['day', 'week', 'month']) }).optional(),
  ...sourced,
});

export const FigureSchema = z.object({
  id,
  kind: z.literal('figure'),
  measure: z.enum(['arrests', 'arrest goal', 'detainers lodged', 'book-ins', 'removals', 'arrests without conviction']),
  value: z.number(),
  qualifier: z.string().optional(),
  unit: z.enum(['per day', 'total', 'share']),
  period_start: isoDate,
  period_end: isoDate.optional(),
  scope: z.string(),
  publisher: z.string().optional(),
  note: z.string().optional(),
  ...sourced,
});

export const RecordSchema = z.discriminatedUnion('kind', [OperationSchema, GoalSchema, StatementSchema, FigureSchema]);
export type Source = z.infer<typeof SourceSchema>;
export type Citation = z.infer<typeof CitationSchema>;
export type RegistryRecord = z.infer<typeof RecordSchema>;
export type Operation = z.infer<typeof OperationSchema>;
export type Goal = z.infer<typeof GoalSchema>;
export type Figure = z.infer<typeof FigureSchema>;
