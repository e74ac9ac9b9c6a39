/** Test helper: one Elastic Defend process event, in the index the Unusual Interactive rule reads. */
export const interactiveProcessEvent = (): string =>
  JSON.stringify({
    '@timestamp': new Date().toISOString(),
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
    event: { id: 'one-process-event', category: ['process'], type: ['start'] },
    process: { name: 'bash' },
  });
