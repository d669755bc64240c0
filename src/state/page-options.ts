/**
 * How the page is shown, as opposed to what is run: the query string (`?preset=tobin-tax&
 * classroom=1&hide=form,backend`), while the scenario lives in the fragment. A link carries both,
 * so a teacher can hand out a prepared, decluttered lab. Unknown values are named, never
 * silently dropped (they join the link's problems).
 */
import { BACKEND_ORDER, type BackendName } from '../engine/backend-names';
import type { FieldProblem } from '../scenario/validate';

/** Parts of the page a classroom link may hide (besides any chart, by its id). */
export const HIDEABLE_PARTS = {
  tagline: 'the tagline under the title',
  backend: 'the backend badge',
  gallery: 'the gallery of presets',
  explanation: "the preset's explanation",
  form: 'the scenario form',
  export: 'the export and link buttons',
  probe: 'the Lucas-critique probe',
  evaluate: 'evaluation mode (exploration off)',
  headline: 'the latest figures under the progress bar',
} as const;
export type HideablePart = keyof typeof HIDEABLE_PARTS;

/** Classroom mode hides the form, the gallery and the tagline unless the link says otherwise (`hide=` for none): the charts and the commentary fill the screen. */
export const CLASSROOM_HIDE: readonly HideablePart[] = ['form', 'gallery', 'tagline'];
const defaultHide = (classroom: boolean): string[] => (classroom ? [...CLASSROOM_HIDE] : []);
const sameParts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export const FONT_SIZES = ['normal', 'large', 'x-large'] as const;
export type FontSize = (typeof FONT_SIZES)[number];

/** The speeds a run may be slowed to, in iterations a second, so that a class can watch each step (null: full speed). */
export const PACES = [2, 1, 0.5] as const;
export type Pace = (typeof PACES)[number];

export const DEFAULT_PAGE_OPTIONS: PageOptions = { preset: null, variant: null, classroom: false, hide: [], font: 'normal', baseline: false, smooth: false, pace: null, more: false };

export interface PageOptions {
  /** The gallery preset the page was opened from, and which of its variants (index; null: its default). */
  preset: string | null;
  variant: number | null;
  /** Projector mode: larger type, and step-by-step commentary under the run controls. */
  classroom: boolean;
  /** Parts (HideablePart) and chart ids not shown. */
  hide: string[];
  font: FontSize;
  /** "Compare with baseline" is ticked: the scenario's baseline trains beside the run. */
  baseline: boolean;
  /** The charts over iterations draw moving averages (rows.ts SMOOTH_SPAN) instead of each iteration's value. */
  smooth: boolean;
  /** At most this many iterations a second (PACES); null: as fast as the machine goes. */
  pace: Pace | null;
  /** "More charts" is open: every chart of the environment, not only the preset's headline ones. */
  more: boolean;
}

/** What the page options need to know of a gallery preset: its id and its variants. */
export interface PresetChoice {
  id: string;
  variants?: readonly { label: string }[];
}

/** `?backend=wasm` in the page address puts that backend first (the scenario lives in the fragment); anything else is no backend. */
export function preferredBackend(search: string): BackendName | undefined {
  const b = new URLSearchParams(search).get('backend');
  return (BACKEND_ORDER as readonly string[]).includes(b ?? '') ? (b as BackendName) : undefined;
}

/**
 * Why `variant` (its text) cannot be a variant of `preset`, or null if it can: a whole number
 * below the preset's count of variants, and only where a preset with variants is open.
 */
function variantProblem(text: string, preset: PresetChoice | undefined): string | null {
  const shown = `"${text.slice(0, 60)}"`;
  if (!preset) return `variant chooses among a gallery preset's variants, and no preset is open (preset=...); ${shown} is ignored`;
  const count = preset.variants?.length ?? 0;
  if (count === 0) return `variant: preset "${preset.id}" has no variants; ${shown} is ignored`;
  const index = Number(text);
  if (Number.isInteger(index) && index >= 0 && index < count) return null;
  const listed = preset.variants!.map((v, i) => `${i}: ${v.label}`).join(', ');
  return `variant must be a whole number from 0 to ${count - 1} for preset "${preset.id}" (${listed}), got ${shown}; using the preset's own`;
}

/**
 * The page's options from its query. `chartIds` are the charts that may be hidden by id;
 * `presets` the gallery's.
 */
export function readPageOptions(search: string, presets: readonly PresetChoice[], chartIds: readonly string[]): { options: PageOptions; problems: FieldProblem[] } {
  const q = new URLSearchParams(search);
  const problems: FieldProblem[] = [];
  let preset = q.get('preset');
  const chosen = presets.find((p) => p.id === preset);
  if (preset !== null && !chosen) {
    problems.push({ field: 'preset', message: `preset "${preset.slice(0, 60)}" is not in the gallery (${presets.map((p) => p.id).join(', ')}); the scenario in the link is used as it is` });
    preset = null;
  }
  const variantText = q.get('variant');
  const variantWrong = variantText === null ? null : variantProblem(variantText, chosen);
  if (variantWrong) problems.push({ field: 'variant', message: variantWrong });
  const variant = variantText === null || variantWrong ? null : Number(variantText);
  const backendText = q.get('backend');
  if (backendText !== null && !preferredBackend(search)) {
    problems.push({ field: 'backend', message: `backend must be one of ${BACKEND_ORDER.join(', ')}, got "${backendText.slice(0, 60)}"; the lab chooses one itself` });
  }
  /** A 1-or-0 flag; anything else is named and read as off. */
  const flag = (key: string, what: string) => {
    const text = q.get(key);
    if (text !== null && !['0', '1'].includes(text)) problems.push({ field: key, message: `${key} must be 1 or 0, got "${text.slice(0, 60)}"; ${what} is off` });
    return text === '1';
  };
  const isClassroom = flag('classroom', 'classroom mode');
  const baseline = flag('baseline', 'the baseline comparison');
  const smooth = flag('smooth', 'smoothing');
  const more = flag('more', '"More charts"');
  const hideText = q.get('hide');
  const hide: string[] = hideText === null ? defaultHide(isClassroom) : [];
  for (const part of (hideText ?? '').split(',').filter(Boolean)) {
    // Own keys only: __proto__ and toString are `in` every object.
    if (Object.hasOwn(HIDEABLE_PARTS, part) || chartIds.includes(part)) hide.push(part);
    else problems.push({ field: 'hide', message: `hide: "${part.slice(0, 60)}" is not a part of the page; parts are ${Object.keys(HIDEABLE_PARTS).join(', ')}, or a chart's id (e.g. chart-learning)` });
  }
  const paceText = q.get('pace');
  let pace: Pace | null = null;
  if (paceText !== null) {
    if ((PACES as readonly number[]).map(String).includes(paceText)) pace = Number(paceText) as Pace;
    else problems.push({ field: 'pace', message: `pace must be one of ${PACES.join(', ')} (iterations a second), got "${paceText.slice(0, 60)}"; running at full speed` });
  }
  const fontText = q.get('font');
  let font: FontSize = isClassroom ? 'large' : 'normal';
  if (fontText !== null) {
    if ((FONT_SIZES as readonly string[]).includes(fontText)) font = fontText as FontSize;
    else problems.push({ field: 'font', message: `font must be one of ${FONT_SIZES.join(', ')}, got "${fontText.slice(0, 60)}"; using ${font}` });
  }
  return { options: { preset, variant, classroom: isClassroom, hide, font, baseline, smooth, pace, more }, problems };
}

/** The query with the page options written over it (other parameters, e.g. backend, kept); defaults are left out. */
export function writePageOptions(search: string, o: PageOptions): string {
  const q = new URLSearchParams(search);
  const set = (key: string, value: string | null) => (value === null ? q.delete(key) : q.set(key, value));
  set('preset', o.preset);
  set('variant', o.preset && o.variant !== null ? String(o.variant) : null);
  set('classroom', o.classroom ? '1' : null);
  set('hide', sameParts(o.hide, defaultHide(o.classroom)) ? null : o.hide.join(','));
  set('font', o.font === (o.classroom ? 'large' : 'normal') ? null : o.font);
  set('baseline', o.baseline ? '1' : null);
  set('smooth', o.smooth ? '1' : null);
  set('pace', o.pace === null ? null : String(o.pace));
  set('more', o.more ? '1' : null);
  // Commas stay readable in a link someone may edit by hand (hide=form,backend).
  const text = q.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}
