/**
 * The "Elastic Defend" setup guide (`setup` markdown) shared by every rule that reads
 * `logs-endpoint.events.*`. These are Elastic's product setup steps; they are reproduced as
 * Elastic publishes them so that the guide shown in our UI matches Kibana's.
 */

const FLEET_SERVER_DOCS = 'https://www.elastic.co/guide/en/fleet/current/fleet-server.html';
const INTEGRATION_POLICY_DOCS =
  'https://www.elastic.co/guide/en/security/current/configure-endpoint-integration-policy.html';
const AGENT_POLICY_DOCS = 'https://www.elastic.co/guide/en/fleet/8.10/agent-policy.html';
const INSTALL_ENDPOINT_DOCS =
  'https://www.elastic.co/guide/en/security/current/install-endpoint.html';

/**
 * Markdown blocks in order. A block may hold several lines; blocks are what get separated by a
 * blank line in the spaced layout. Note the "For more details on Elastic Agent configuration"
 * line: in the compact layout it continues the previous list item, in the spaced one it is a
 * paragraph of its own (both as upstream renders them).
 */
const SETUP_BLOCKS: readonly string[] = [
  '## Setup',
  'This rule requires data coming in from Elastic Defend.',
  [
    '### Elastic Defend Integration Setup',
    'Elastic Defend is integrated into the Elastic Agent using Fleet. Upon configuration, the integration allows the Elastic Agent to monitor events on your host and send data to the Elastic Security app.',
  ].join('\n'),
  [
    '#### Prerequisite Requirements:',
    '- Fleet is required for Elastic Defend.',
    `- To configure Fleet Server refer to the [documentation](${FLEET_SERVER_DOCS}).`,
  ].join('\n'),
  [
    '#### The following steps should be executed in order to add the Elastic Defend integration on a Linux System:',
    '- Go to the Kibana home page and click "Add integrations".',
    '- In the query bar, search for "Elastic Defend" and select the integration to see more details about it.',
    '- Click "Add Elastic Defend".',
    '- Configure the integration name and optionally add a description.',
    '- Select the type of environment you want to protect, either "Traditional Endpoints" or "Cloud Workloads".',
    `- Select a configuration preset. Each preset comes with different default settings for Elastic Agent, you can further customize these later by configuring the Elastic Defend integration policy. [Helper guide](${INTEGRATION_POLICY_DOCS}).`,
    '- We suggest selecting "Complete EDR (Endpoint Detection and Response)" as a configuration setting, that provides "All events; all preventions"',
    '- Enter a name for the agent policy in "New agent policy name". If other agent policies already exist, you can click the "Existing hosts" tab and select an existing policy instead.',
  ].join('\n'),
  [
    `For more details on Elastic Agent configuration settings, refer to the [helper guide](${AGENT_POLICY_DOCS}).`,
    '- Click "Save and Continue".',
    '- To complete the integration, select "Add Elastic Agent to your hosts" and continue to the next section to install the Elastic Agent on your hosts.',
    `For more details on Elastic Defend refer to the [helper guide](${INSTALL_ENDPOINT_DOCS}).`,
  ].join('\n'),
];

/** Blocks separated by blank lines (the layout of "Unusual Interactive Process Launched in a Container"). */
export const ELASTIC_DEFEND_SETUP_GUIDE = `${SETUP_BLOCKS.join('\n\n')}\n`;

/** Blocks on consecutive lines (the layout of "Privileged Docker Container Creation"). */
export const ELASTIC_DEFEND_SETUP_GUIDE_COMPACT = `${SETUP_BLOCKS.join('\n')}\n`;
