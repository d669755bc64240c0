/**
 * Cross-field rules of the scenario schemas (a zod superRefine): their issue goes on the first
 * field named, where a form shows it, and carries every field the rule reads. A reader that falls
 * back field by field (scenario/validate.ts) then drops a field the input gave, even when the
 * first one took its default: `tau` defaulted and `tauMax` given below it drops `tauMax`.
 * `named`: the message itself names the fields with their values ("tau (0.05) must not exceed
 * tauMax (0.01)"), so the reader shows it as it is rather than prefixing the field it drops.
 */
import type { z } from 'zod';

export function crossFieldIssue(ctx: z.RefinementCtx, fields: readonly [string, ...string[]], message: string, { named = false } = {}): void {
  ctx.addIssue({ code: 'custom', path: [fields[0]], message, params: { fields, named } });
}

/** The fields a schema issue is about: its path's field, then any a cross-field rule named. */
export function issueFields(issue: z.core.$ZodIssue): string[] {
  const rule = issue.code === 'custom' && Array.isArray(issue.params?.fields) ? (issue.params.fields as string[]) : [];
  return [String(issue.path[0] ?? '(scenario)'), ...rule];
}

/** Whether a cross-field rule's message names its fields with their values. */
export const namesItsFields = (issue: z.core.$ZodIssue) => issue.code === 'custom' && issue.params?.named === true;
