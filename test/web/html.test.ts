import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../adapters/web/html.ts';

describe('the html template', () => {
  it('escapes every value, in text and in attributes', () => {
    const evil = `"><script>alert('x')</script>&`;
    expect(html`<a title="${evil}">${evil}</a>`.value).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>',
    );
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });

  it('nests templates without escaping them twice, joins arrays, and drops null, undefined and false', () => {
    const items = ['<1>', '2'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe(
      '<ul><li>&lt;1&gt;</li><li>2</li></ul>0',
    );
    expect(html`${raw('<br>')}`.value).toBe('<br>');
  });
});
