import { renderTemplate } from '../../../web/core/messaging/render-template';

describe('renderTemplate', () => {
  it('replaces every occurrence of each variable', () => {
    expect(renderTemplate('%first_name%, %points% points. Bye %first_name%', { first_name: 'Anna', points: 50 }, { html: false })).toBe(
      'Anna, 50 points. Bye Anna',
    );
  });

  it('escapes values in HTML bodies so a <script> in a first name arrives inert', () => {
    const html = renderTemplate('<p>Hi %first_name%</p>', { first_name: '<script>alert("x")</script>' }, { html: true });
    expect(html).toBe('<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html).not.toContain('<script>');
  });

  it('escapes quotes so a value cannot break out of an attribute', () => {
    expect(renderTemplate('<a href="%portal_url%">', { portal_url: 'x" onclick="evil' }, { html: true })).toBe(
      '<a href="x&quot; onclick=&quot;evil">',
    );
  });

  it('leaves values raw in text bodies and SMS', () => {
    expect(renderTemplate('Hi %first_name%', { first_name: 'Tom & <Jerry>' }, { html: false })).toBe('Hi Tom & <Jerry>');
  });

  it('renders a known variable without a value as an empty string', () => {
    expect(renderTemplate('Hi %first_name% %last_name%!', { first_name: 'Anna' }, { html: false })).toBe('Hi Anna !');
  });

  it('does not treat percentages as variables', () => {
    expect(renderTemplate('20% off and 10% extra', {}, { html: false })).toBe('20% off and 10% extra');
  });

  it('leaves a token that is not a variable as written', () => {
    expect(renderTemplate('Code %coupon%', {}, { html: false })).toBe('Code %coupon%');
  });

  it('does not re-expand tokens that appear inside a value', () => {
    expect(renderTemplate('%first_name%', { first_name: '%balance%', balance: 9 }, { html: false })).toBe('%balance%');
  });

  it('renders adjacent tokens', () => {
    expect(renderTemplate('%points%%balance%', { points: 1, balance: 2 }, { html: false })).toBe('12');
  });
});
