import { z } from 'zod';
import { ENV_IDS, envLabel, viewOf } from '../../envs/catalog';
import type { ChoiceSpec, FieldSpec, FormItem, TextSpec, ToggleSpec, UploadSpec } from '../../envs/view/types';
import { defaultScenario, type EnvId, type Scenario } from '../../scenario/schema';
import { parseScenario, scenarioFields, ScenarioError } from '../../scenario/validate';
import { useLab } from '../context';
import { Fold } from './Fold';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';
import { TextField } from './TextField';
import { ToggleField } from './ToggleField';
import { UploadField } from './UploadField';

/** The options of an enum field, read from its schema. */
function optionsOf(field: z.ZodType): string[] {
  const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
  return inner instanceof z.ZodEnum ? (inner.options as string[]) : [];
}

/**
 * What is wrong with a scenario once one field changes: its schema and the scenario's cross-field
 * rules (a prior needs one weight per omega), each problem on another field named; null if none.
 */
function problemWith(scenario: Scenario, key: string, value: unknown): string | null {
  try {
    parseScenario({ ...scenario, [key]: value }, 'strict');
    return null;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    // Each message names its field (another one, where a cross-field rule fails).
    return err.problems.map((p) => p.message).join('; ');
  }
}

/** Environment, leader and parameter controls. Structural fields lock while a run exists. */
export function ScenarioForm() {
  const { store, sim } = useLab();
  const scenario = store((s) => s.scenario);
  const fieldProblems = store((s) => s.fieldProblems);
  // A boolean, not the status: the form must not re-render on every progress update.
  const locked = store((s) => s.status.iteration > 0 || s.status.phase === 'running');
  const fields = scenarioFields(scenario.env);
  const values = scenario as Record<string, unknown>;

  const update = (patch: Record<string, unknown>) => sim.configure({ ...scenario, ...patch } as Scenario);
  // Another environment has other fields: start from its defaults, keeping the seed.
  const switchEnv = (env: EnvId) => sim.configure({ ...defaultScenario(env), seed: scenario.seed });

  const isLive = (spec: FieldSpec) => (typeof spec.live === 'function' ? spec.live(scenario) : spec.live === true);

  /** What every field that can refuse a value shares: its problem and how it reports one (React's key goes beside it, never in a spread). */
  const checked = (key: string) => ({ problem: fieldProblems[key], onProblem: (m: string | null) => store.getState().setFieldProblem(key, m) });

  const renderNumber = (spec: FieldSpec) => (
    <NumberField
      key={spec.key}
      {...checked(spec.key)}
      spec={spec}
      schema={fields[spec.key]}
      value={values[spec.key] as number}
      disabled={locked && !isLive(spec)}
      onCommit={(v) => (isLive(spec) && locked ? sim.setLive(spec.key, v) : update({ [spec.key]: v }))}
    />
  );

  const renderChoice = (spec: ChoiceSpec) => (
    <SelectField
      key={spec.key}
      label={spec.label}
      name={spec.key}
      value={values[spec.key] as string}
      options={optionsOf(fields[spec.key])}
      labelOf={(o) => spec.labels[o] ?? o}
      disabled={locked}
      onChange={(v) => update({ [spec.key]: v })}
    />
  );

  const renderUpload = (spec: UploadSpec) => (
    <UploadField key={spec.key} {...checked(spec.key)} spec={spec} value={values[spec.key] as string} disabled={locked} onLoad={(fields) => update(fields)} />
  );

  const renderText = (spec: TextSpec) => (
    <TextField
      key={spec.key}
      {...checked(spec.key)}
      spec={spec}
      value={values[spec.key] as string}
      disabled={locked}
      check={(v) => problemWith(scenario, spec.key, v)}
      onCommit={(v) => update({ [spec.key]: v })}
    />
  );

  const renderToggle = (spec: ToggleSpec) => (
    <ToggleField key={spec.key} spec={spec} value={values[spec.key] as boolean} disabled={locked} onChange={(v) => update({ [spec.key]: v })} />
  );

  const render = (item: FormItem) => {
    switch (item.kind) {
      case 'number':
        return renderNumber(item);
      case 'choice':
        return renderChoice(item);
      case 'upload':
        return renderUpload(item);
      case 'text':
        return renderText(item);
      case 'toggle':
        return renderToggle(item);
    }
  };
  const shown = (item: FormItem) => !item.when || item.when(scenario);
  const sections = viewOf(scenario).form;
  const liveLabels = sections.flatMap((section) => section.items.filter((item) => item.kind === 'number' && shown(item) && isLive(item)).map((item) => item.label));
  const isAdvanced = (item: FormItem) => item.kind === 'number' && item.advanced === true;
  const advanced = sections.flatMap((section) => section.items.filter((item) => shown(item) && isAdvanced(item)));

  return (
    <form className="scenario-form" onSubmit={(e) => e.preventDefault()} aria-label="Scenario">
      {locked && (
        <p className="hint" data-testid="live-hint">
          Reset to change the environment or learning settings.
          {liveLabels.length > 0 && ` These change the running experiment at once: ${liveLabels.join(', ')}.`}
        </p>
      )}
      {sections.map((section, i) => (
        <fieldset key={section.legend}>
          <legend>{section.legend}</legend>
          {i === 0 && (
            <SelectField label="Environment" name="env" value={scenario.env} options={ENV_IDS} labelOf={envLabel} disabled={locked} onChange={switchEnv} />
          )}
          {section.items.filter((item) => shown(item) && !isAdvanced(item)).map(render)}
        </fieldset>
      ))}
      {advanced.length > 0 && (
        <Fold className="advanced" summary="Advanced: learning settings" reveal={advanced.some((item) => fieldProblems[item.key])}>
          <fieldset>
            <legend>Step sizes and network</legend>
            {advanced.map(render)}
          </fieldset>
        </Fold>
      )}
    </form>
  );
}
