import {
  ELASTIC_DEFEND_SETUP_GUIDE,
  ELASTIC_DEFEND_SETUP_GUIDE_COMPACT,
} from './elastic_defend_setup';

const HEADINGS = [
  '## Setup',
  '### Elastic Defend Integration Setup',
  '#### Prerequisite Requirements:',
  '#### The following steps should be executed in order to add the Elastic Defend integration on a Linux System:',
];

const LINKS = [
  '[documentation](https://www.elastic.co/guide/en/fleet/current/fleet-server.html)',
  '[Helper guide](https://www.elastic.co/guide/en/security/current/configure-endpoint-integration-policy.html)',
  '[helper guide](https://www.elastic.co/guide/en/fleet/8.10/agent-policy.html)',
  '[helper guide](https://www.elastic.co/guide/en/security/current/install-endpoint.html)',
];

/** The setup steps, in the order a user performs them. */
const STEPS = [
  '- Go to the Kibana home page and click "Add integrations".',
  '- In the query bar, search for "Elastic Defend" and select the integration',
  '- Click "Add Elastic Defend".',
  '- Configure the integration name and optionally add a description.',
  '- Select the type of environment you want to protect, either "Traditional Endpoints" or "Cloud Workloads".',
  '- Select a configuration preset.',
  '- We suggest selecting "Complete EDR (Endpoint Detection and Response)"',
  '- Enter a name for the agent policy in "New agent policy name".',
  '- Click "Save and Continue".',
  '- To complete the integration, select "Add Elastic Agent to your hosts"',
];

const expectInOrder = (text: string, parts: readonly string[]) => {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect({ part, found: at >= 0 }).toEqual({ part, found: true });
    from = at + part.length;
  }
};

describe.each([
  ['spaced', ELASTIC_DEFEND_SETUP_GUIDE],
  ['compact', ELASTIC_DEFEND_SETUP_GUIDE_COMPACT],
])('Elastic Defend setup guide (%s)', (_layout, guide) => {
  it('starts with "## Setup" and the data requirement, and ends with a newline', () => {
    expect(guide.startsWith('## Setup\n')).toBe(true);
    expect(guide).toContain('This rule requires data coming in from Elastic Defend.');
    expect(guide.endsWith('.html).\n')).toBe(true);
  });

  it('has its headings, links and steps in order', () => {
    expectInOrder(guide, HEADINGS);
    expectInOrder(guide, LINKS);
    expectInOrder(guide, STEPS);
  });
});

describe('setup guide layouts', () => {
  it('differ only in blank lines between blocks', () => {
    expect(ELASTIC_DEFEND_SETUP_GUIDE.replace(/\n\n/g, '\n')).toBe(
      ELASTIC_DEFEND_SETUP_GUIDE_COMPACT
    );
    expect(ELASTIC_DEFEND_SETUP_GUIDE_COMPACT).not.toContain('\n\n');
  });

  it('keeps the agent-policy note as its own paragraph only in the spaced layout', () => {
    expect(ELASTIC_DEFEND_SETUP_GUIDE).toContain(
      'select an existing policy instead.\n\nFor more details on Elastic Agent'
    );
    expect(ELASTIC_DEFEND_SETUP_GUIDE_COMPACT).toContain(
      'select an existing policy instead.\nFor more details on Elastic Agent'
    );
  });
});
