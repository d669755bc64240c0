import { ENV_REGISTRY } from '../../engine/envs/registry';
import { OBJECTIVES, OBJECTIVE_IDS } from '../../engine/leaders/objectives';
import { ENV_IDS, LEADER_KINDS, type Scenario } from '../../scenario/schema';
import { scenarioFields } from '../../scenario/validate';
import { useLab } from '../context';
import { ENV_FIELDS, LEADER_FIELDS, RUN_FIELDS, type FieldSpec } from './fields';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

const LEADER_LABELS: Record<Scenario['leader'], string> = {
  ppo: 'Learning leader (PPO)',
  fixed: 'Fixed tax (slider)',
  none: 'No tax (baseline)',
};

/** Environment, leader and parameter controls. Structural fields lock while a run exists. */
export function ScenarioForm() {
  const { store, sim } = useLab();
  const scenario = store((s) => s.scenario);
  const fieldProblems = store((s) => s.fieldProblems);
  // A boolean, not the status: the form must not re-render on every progress update.
  const locked = store((s) => s.status.iteration > 0 || s.status.phase === 'running');
  const fields = scenarioFields(scenario.env);

  const update = (patch: Partial<Scenario>) => sim.configure({ ...scenario, ...patch } as Scenario);

  const renderField = (spec: FieldSpec) => {
    if (spec.leaders && !spec.leaders.includes(scenario.leader)) return null;
    const live = spec.key === 'tau';
    return (
      <NumberField
        key={spec.key}
        spec={spec}
        schema={fields[spec.key]}
        value={scenario[spec.key] as number}
        disabled={locked && !live}
        problem={fieldProblems[spec.key]}
        onCommit={(v) => (live && locked ? sim.setTheta(v) : update({ [spec.key]: v }))}
        onProblem={(m) => store.getState().setFieldProblem(spec.key, m)}
      />
    );
  };

  return (
    <form className="scenario-form" onSubmit={(e) => e.preventDefault()} aria-label="Scenario">
      {locked && <p className="hint">Reset to change the environment or learning settings; the tax slider of a fixed leader moves live.</p>}
      <fieldset>
        <legend>Environment</legend>
        <SelectField
          label="Environment"
          name="env"
          value={scenario.env}
          options={ENV_IDS}
          labelOf={(id) => ENV_REGISTRY[id].label}
          disabled={locked}
          onChange={(env) => update({ env })}
        />
        {ENV_FIELDS.map(renderField)}
      </fieldset>
      <fieldset>
        <legend>Leader</legend>
        <SelectField
          label="Who sets the tax"
          name="leader"
          value={scenario.leader}
          options={LEADER_KINDS}
          labelOf={(k) => LEADER_LABELS[k]}
          disabled={locked}
          onChange={(leader) => update({ leader })}
        />
        {scenario.leader === 'ppo' && (
          <SelectField
            label="Leader objective"
            name="objective"
            value={scenario.objective}
            options={OBJECTIVE_IDS}
            labelOf={(id) => OBJECTIVES[id].label}
            disabled={locked}
            onChange={(objective) => update({ objective })}
          />
        )}
        {LEADER_FIELDS.map(renderField)}
      </fieldset>
      <fieldset>
        <legend>Learning and run</legend>
        {RUN_FIELDS.map(renderField)}
      </fieldset>
    </form>
  );
}
