/**
 * Cross-field rules of the scenario schemas (a zod superRefine): their issue goes on the first
 * field named, where a form shows it, and carries every field the rule reads. A reader that falls
 * back field by field (scenario/validate.ts) then drops a field the input gave, even when the
 * first one took its default: `tau` defaulted and `tauMax` given below it drops `tauMax`.
 * `named`: the message itself names the fields with their values ("tau (0.05) must not exceed
 * tauMax (0.01)"), so the reader shows it as it is rather than prefixing the field it drops.
 */
import type { z } from 'zod';

/**
 * The rules' setting: a rule runs only on fields each valid on its own. A value the schema
 * refuses (n = 24,639,514 firms, a horizon of 1e308) is not what will be used, and a rule that
 * read it would blame a good field (any n is too many beside such a horizon), quote numbers no
 * one gave (about Infinity GB), or throw. A reader that falls back field by field
 * (scenario/validate.ts) drops the refused fields first; the rules then judge what is left.
 */
export const ON_VALID_FIELDS: z.core.$ZodSuperRefineParams = { when: (payload) => payload.issues.length === 0 };

export function crossFieldIssue(ctx: z.RefinementCtx, fields: readonly [string, ...string[]], message: string, { named = false } = {}): void {
  ctx.addIssue({ code: 'custom', path: [fields[0]], message, params: { fields, named } });
}

/** The fields a schema issue is about: its path's field, then any a cross-field rule named. */
export function issueFields(issue: z.core.$ZodIssue): string[] {
  const rule = issue.code === 'custom' && Array.isArray(issue.params?.fields) ? (issue.params.fields as string[]) : [];
  return [String(issue.path[0] ?? '(scenario)'), ...rule];
}

/**
 * A computed number as a rule's message shows it: 4 significant digits (powers of ten past
 * 1e21), and words where it overflows, never "Infinity" or 300 digits.
 */
export const forPeople = (x: number): string => (Number.isFinite(x) ? String(+x.toPrecision(4)) : Number.isNaN(x) ? 'not a number' : `${x > 0 ? 'more' : 'less'} than ${x > 0 ? '' : '-'}1.8e+308`);

/** Whether a cross-field rule's message names its fields with their values. */
export const namesItsFields = (issue: z.core.$ZodIssue) => issue.code === 'custom' && issue.params?.named === true;
