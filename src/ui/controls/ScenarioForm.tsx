import { ENV_REGISTRY } from '../../engine/envs/registry';
import { OBJECTIVES, OBJECTIVE_IDS } from '../../engine/leaders/objectives';
import { ENV_IDS, LEADER_KINDS, type Scenario } from '../../scenario/schema';
import { scenarioFields } from '../../scenario/validate';
import { useLab } from '../context';
import { ENV_FIELDS, LEADER_FIELDS, RUN_FIELDS, type FieldSpec } from './fields';
import { NumberField } from './NumberField';

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
  const status = store((s) => s.status);
  const locked = status.iteration > 0 || status.phase === 'running';
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
        <label className="select">
          Environment
          <select name="env" value={scenario.env} disabled={locked} onChange={(e) => update({ env: e.target.value as Scenario['env'] })}>
            {ENV_IDS.map((id) => (
              <option key={id} value={id}>
                {ENV_REGISTRY[id].label}
              </option>
            ))}
          </select>
        </label>
        {ENV_FIELDS.map(renderField)}
      </fieldset>
      <fieldset>
        <legend>Leader</legend>
        <label className="select">
          Who sets the tax
          <select name="leader" value={scenario.leader} disabled={locked} onChange={(e) => update({ leader: e.target.value as Scenario['leader'] })}>
            {LEADER_KINDS.map((k) => (
              <option key={k} value={k}>
                {LEADER_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {scenario.leader === 'ppo' && (
          <label className="select">
            Leader objective
            <select
              name="objective"
              value={scenario.objective}
              disabled={locked}
              onChange={(e) => update({ objective: e.target.value as Scenario['objective'] })}
            >
              {OBJECTIVE_IDS.map((id) => (
                <option key={id} value={id}>
                  {OBJECTIVES[id].label}
                </option>
              ))}
            </select>
          </label>
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
