import { docTitle } from './doc_title';

describe("the harness's document title (Kibana's DocTitleService)", () => {
  it('puts the parts before the base title, skipping empty ones, and resets to the base', () => {
    const page = { title: 'Elastic' };
    const title = docTitle(page);
    title.change(['Alerts', '', 'Container Threat Detection']);
    expect(page.title).toBe('Alerts - Container Threat Detection - Elastic');
    title.change('Rules');
    expect(page.title).toBe('Rules - Elastic');
    title.reset();
    expect(page.title).toBe('Elastic');
  });
});
