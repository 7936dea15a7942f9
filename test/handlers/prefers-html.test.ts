import { prefersHtml } from '../../lambdas/platform/handlers/prefers-html';

describe('a browser gets the HTML status page, an API client JSON', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['text/html', true],
    ['application/json', false],
    ['application/json, text/html;q=0.5', false],
    ['text/html;q=0.9, application/json;q=0.5', true],
    ['*/*', false],
    [undefined, false],
    ['text/html;q=0', false],
  ])('%s → %s', (accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
  });
});
