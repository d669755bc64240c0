/**
 * Cross-field rules of the scenario schemas (a zod superRefine): their issue goes on the first
 * field named, where a form shows it, and carries every field the rule reads. A reader that falls
 * back field by field (scenario/validate.ts) then drops a field the input gave, even when the
 * first one took its default: `tau` defaulted and `tauMax` given below it drops `tauMax`.
 */
import type { z } from 'zod';

export function crossFieldIssue(ctx: z.RefinementCtx, fields: readonly [string, ...string[]], message: string): void {
  ctx.addIssue({ code: 'custom', path: [fields[0]], message, params: { fields } });
}

/** The fields a schema issue is about: its path's field, then any a cross-field rule named. */
export function issueFields(issue: z.core.$ZodIssue): string[] {
  const named = issue.code === 'custom' && Array.isArray(issue.params?.fields) ? (issue.params.fields as string[]) : [];
  return [String(issue.path[0] ?? '(scenario)'), ...named];
}
