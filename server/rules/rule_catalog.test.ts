/**
 * The rule catalog over the real embedded store: prebuilt rules and imported user rules listed,
 * shown and run through one API, a user rule with a rule_id that is not a UUID included.
 */
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { ImportedRule } from '../../common/rules/kibana_rule_import';
import { ApiError } from '../../public/application/api_error';
import { inProcessApi, type InProcessApi } from '../../test/helpers/in_process_api';
import { exportFixtureRules } from '../../test/helpers/rule_fixtures';
import { prebuiltCatalog, storeCatalog } from './rule_catalog';

const importedRules = exportFixtureRules;

describe('rule catalogs', () => {
  let host: InProcessApi;
  beforeEach(async () => {
    host = await inProcessApi();
  });
  afterEach(() => host.close());

  const importAll = async (enabled: boolean): Promise<void> => {
    for (const rule of importedRules())
      await host.store.rules.importRule(rule, { enabled, overwrite: false, now: new Date() });
  };

  it('lists the prebuilt rules, then the user rules by rule_id', async () => {
    expect((await prebuiltCatalog().list()).map((rule) => rule.definition)).toEqual([
      ...PREBUILT_RULES,
    ]);
    await importAll(false);
    const listed = await storeCatalog(host.store.rules).list();
    expect(listed.map((rule) => [rule.definition.rule_id, rule.source])).toEqual([
      ...PREBUILT_RULES.map((rule) => [rule.rule_id, 'prebuilt']),
      ['container-shell-parent', 'user'],
      ['container-three-fields', 'user'],
      ['container-user-image', 'user'],
    ]);
    expect(listed.at(-1)?.kibana?.meta).toBeUndefined();
    expect(
      (await storeCatalog(host.store.rules).get('container-shell-parent'))?.kibana?.meta
    ).toEqual({ from: '4m' });
  });

  it('puts a user rule imported under a prebuilt rule_id in the prebuilt rule’s place', async () => {
    const [prebuilt] = PREBUILT_RULES;
    const [rule] = importedRules();
    if (prebuilt === undefined || rule === undefined) throw new Error('no rules');
    const replacement: ImportedRule = {
      definition: { ...rule.definition, rule_id: prebuilt.rule_id, name: 'Tuned copy' },
      kibana: { ...rule.kibana, rule_id: prebuilt.rule_id, name: 'Tuned copy' },
    };
    await host.store.rules.install(prebuilt, true, new Date());
    await host.store.rules.importRule(replacement, {
      enabled: true,
      overwrite: true,
      now: new Date(),
    });
    const listed = await storeCatalog(host.store.rules).list();
    expect(listed.map((entry) => [entry.definition.name, entry.source])).toEqual([
      ['Tuned copy', 'user'],
      ...PREBUILT_RULES.slice(1).map((entry) => [entry.name, 'prebuilt']),
    ]);
  });

  it('serves user rules through the API: listed with their source, shown with their definition', async () => {
    await importAll(true);
    const listed = await host.api.listRules();
    expect(listed.map((rule) => [rule.rule_id, rule.source, rule.installed, rule.enabled])).toEqual(
      [
        ...PREBUILT_RULES.map((rule) => [rule.rule_id, 'prebuilt', false, false]),
        ['container-shell-parent', 'user', true, true],
        ['container-three-fields', 'user', true, true],
        ['container-user-image', 'user', true, true],
      ]
    );
    const details = (await host.transport({
      method: 'GET',
      path: '/api/container_threat_detection/rules/container-three-fields',
    })) as { rule: { source: string }; definition: { new_terms_fields: string[] } };
    expect(details.rule.source).toBe('user');
    expect(details.definition.new_terms_fields).toEqual([
      'host.name',
      'user.name',
      'process.executable',
    ]);
    await expect(
      host.transport({ method: 'GET', path: '/api/container_threat_detection/rules/no-such-rule' })
    ).rejects.toEqual(new ApiError(404, 'No rule has rule_id no-such-rule'));
  });

  it('installs only prebuilt rules, and disables a user rule by its rule_id', async () => {
    await importAll(true);
    const installed = await host.api.installRules();
    expect(
      installed.filter((rule) => rule.source === 'prebuilt').every((rule) => rule.installed)
    ).toBe(true);
    const disabled = await host.api.setRuleEnabled('container-user-image', false);
    expect([disabled.rule_id, disabled.source, disabled.enabled]).toEqual([
      'container-user-image',
      'user',
      false,
    ]);
  });
});
