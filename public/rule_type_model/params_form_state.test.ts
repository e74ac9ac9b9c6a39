/** Switching between a prebuilt and a custom definition through Kibana's merge-only setRuleParams. */
import type { RuleTypeParams } from '@kbn/triggers-actions-ui-plugin/public';
import { validateRuleTypeParams } from '../../server/kibana/rule_type_params';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import {
  CUSTOM_RULE_DEFAULTS,
  definitionKindOf,
  presentKeys,
  randomRuleId,
  switchToCustom,
  switchToPrebuilt,
  type ParamUpdate,
} from './params_form_state';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What Kibana's reducer does with each setRuleParams call. */
const applyUpdates = (params: RuleTypeParams, updates: readonly ParamUpdate[]): RuleTypeParams =>
  updates.reduce<RuleTypeParams>((merged, [key, value]) => ({ ...merged, [key]: value }), params);

describe('definitionKindOf', () => {
  it('treats empty params (a new rule) and references as prebuilt', () => {
    expect(definitionKindOf({})).toBe('prebuilt');
    expect(definitionKindOf({ rule_id: '' })).toBe('prebuilt');
    expect(definitionKindOf({ rule_id: 'x', index: ['a*'] })).toBe('prebuilt');
    expect(definitionKindOf({ rule_id: 'x', name: undefined })).toBe('prebuilt');
  });

  it('treats any other key as a custom definition', () => {
    expect(definitionKindOf({ rule_id: 'x', type: 'new_terms' })).toBe('custom');
    expect(definitionKindOf({ query: '' })).toBe('custom');
  });
});

describe('switching', () => {
  it('to custom sets the defaults and a fresh rule_id, keeping an index override', () => {
    const params = applyUpdates(
      { rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID, index: ['logs-a*'] },
      switchToCustom({ rule_id: 'x', index: ['logs-a*'] }, 'id-1')
    );
    expect(params).toEqual({ ...CUSTOM_RULE_DEFAULTS, rule_id: 'id-1', index: ['logs-a*'] });
    expect(definitionKindOf(params)).toBe('custom');
  });

  it('back to prebuilt drops every custom key, so only rule_id is saved', () => {
    const custom = applyUpdates({}, switchToCustom({}, 'id-1'));
    const prebuilt = applyUpdates(
      custom,
      switchToPrebuilt(custom, PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID)
    );
    expect(presentKeys(prebuilt)).toEqual(['rule_id']);
    expect(JSON.parse(JSON.stringify(prebuilt))).toEqual({
      rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID,
    });
    expect(validateRuleTypeParams(JSON.parse(JSON.stringify(prebuilt)))).toEqual({
      rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID,
    });
  });

  it('both ways keep the exception lists the rule names (set through the API)', () => {
    const exceptionsList = [
      { id: 'so-1', list_id: 'container-shells', type: 'detection', namespace_type: 'single' },
    ];
    const custom = applyUpdates(
      { rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID, exceptions_list: exceptionsList },
      switchToCustom({}, 'id-1')
    );
    expect(definitionKindOf(custom)).toBe('custom');
    expect(custom.exceptions_list).toEqual(exceptionsList);
    const prebuilt = applyUpdates(
      custom,
      switchToPrebuilt(custom, PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID)
    );
    expect(definitionKindOf(prebuilt)).toBe('prebuilt');
    expect(validateRuleTypeParams(JSON.parse(JSON.stringify(prebuilt)))).toEqual({
      rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID,
      exceptions_list: exceptionsList,
    });
  });

  it('to prebuilt without a choice leaves rule_id empty', () => {
    expect(switchToPrebuilt({ query: 'a:b', rule_id: 'id-1' })).toEqual([
      ['query', undefined],
      ['rule_id', ''],
    ]);
  });
});

describe('randomRuleId', () => {
  it('makes version 4 UUIDs the server accepts as a custom rule_id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => randomRuleId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('sets the version and variant bits whatever the random bytes', () => {
    expect(randomRuleId((bytes) => bytes.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(randomRuleId((bytes) => bytes.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });
});
