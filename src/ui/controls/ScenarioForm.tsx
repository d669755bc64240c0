import { z } from 'zod';
import { ENV_REGISTRY } from '../../engine/envs/registry';
import { defaultScenario, ENV_IDS, type EnvId, type Scenario } from '../../scenario/schema';
import { scenarioFields } from '../../scenario/validate';
import { useLab } from '../context';
import { FORMS, type ChoiceSpec, type FieldSpec, type UploadSpec } from './fields';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';
import { UploadField } from './UploadField';

/** The options of an enum field, read from its schema. */
function optionsOf(field: z.ZodType): string[] {
  const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
  return inner instanceof z.ZodEnum ? (inner.options as string[]) : [];
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

  const renderNumber = (spec: FieldSpec) => (
    <NumberField
      key={spec.key}
      spec={spec}
      schema={fields[spec.key]}
      value={values[spec.key] as number}
      disabled={locked && !spec.live}
      problem={fieldProblems[spec.key]}
      onCommit={(v) => (spec.live && locked ? sim.setLive(spec.key, v) : update({ [spec.key]: v }))}
      onProblem={(m) => store.getState().setFieldProblem(spec.key, m)}
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
    <UploadField
      key={spec.key}
      spec={spec}
      value={values[spec.key] as string}
      disabled={locked}
      problem={fieldProblems[spec.key]}
      onLoad={(fields) => update(fields)}
      onProblem={(m) => store.getState().setFieldProblem(spec.key, m)}
    />
  );

  return (
    <form className="scenario-form" onSubmit={(e) => e.preventDefault()} aria-label="Scenario">
      {locked && <p className="hint">Reset to change the environment or learning settings; a fixed tax's slider moves live.</p>}
      {FORMS[scenario.env].map((section, i) => (
        <fieldset key={section.legend}>
          <legend>{section.legend}</legend>
          {i === 0 && (
            <SelectField label="Environment" name="env" value={scenario.env} options={ENV_IDS} labelOf={(id) => ENV_REGISTRY[id].label} disabled={locked} onChange={switchEnv} />
          )}
          {section.items
            .filter((item) => !item.when || item.when(scenario))
            .map((item) => {
              switch (item.kind) {
                case 'number':
                  return renderNumber(item);
                case 'choice':
                  return renderChoice(item);
                case 'upload':
                  return renderUpload(item);
              }
            })}
        </fieldset>
      ))}
    </form>
  );
}
