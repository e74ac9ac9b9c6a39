/** The model's synchronous `validate` before and after its checks are loaded. */
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import {
  NewTermsParamsValidator,
  PARAMS_ROOT_KEY,
  VALIDATION_PENDING_MESSAGE,
} from './params_validator';
import { checkNewTermsParams } from './validate_params';

describe('NewTermsParamsValidator', () => {
  it('reports a pending error until the checks are loaded, so the form cannot save unchecked params', async () => {
    const validator = new NewTermsParamsValidator();
    expect(validator.isLoaded).toBe(false);
    expect(validator.validate({ rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID })).toEqual({
      errors: { [PARAMS_ROOT_KEY]: [VALIDATION_PENDING_MESSAGE] },
    });
    await validator.load();
    expect(validator.isLoaded).toBe(true);
    expect(
      validator.validate({ rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID }).errors
    ).toEqual(checkNewTermsParams({ rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID }));
  });

  it('loads once however often it is asked', async () => {
    let imports = 0;
    const validator = new NewTermsParamsValidator(async () => {
      imports++;
      return { checkNewTermsParams };
    });
    await Promise.all([validator.load(), validator.load()]);
    await validator.load();
    expect(imports).toBe(1);
  });

  it('may retry a failed load (a chunk that did not arrive)', async () => {
    let attempts = 0;
    const validator = new NewTermsParamsValidator(async () => {
      attempts++;
      if (attempts === 1) throw new Error('Loading chunk 3 failed.');
      return { checkNewTermsParams };
    });
    await expect(validator.load()).rejects.toThrow('Loading chunk 3 failed.');
    expect(validator.isLoaded).toBe(false);
    await validator.load();
    expect(validator.isLoaded).toBe(true);
    expect(attempts).toBe(2);
  });

  it('refuses a rule_id the API did not list once it knows the list', async () => {
    const validator = new NewTermsParamsValidator();
    await validator.load();
    expect(validator.errorsOf({ rule_id: 'retired-rule' }).rule_id).toEqual([]);
    validator.setKnownRuleIds([PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID]);
    expect(validator.errorsOf({ rule_id: 'retired-rule' }).rule_id).toEqual([
      "no prebuilt rule has rule_id 'retired-rule'",
    ]);
    expect(
      validator.errorsOf({ rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID }).rule_id
    ).toEqual([]);
  });

  it('works detached, as Kibana calls it (`ruleTypeModel.validate(params)` after destructuring)', async () => {
    const validator = new NewTermsParamsValidator();
    await validator.load();
    const { validate } = validator;
    expect(validate({ rule_id: '' }).errors).toMatchObject({
      rule_id: ["no prebuilt rule has rule_id ''"],
    });
  });
});
