import { describe, expect, it } from 'vitest';
import { bodyOf, frontmatterBlock, localImageRefs, recoverRawDates } from '../../src/lib/frontmatter';
import { DATE_KEYS } from '../../src/lib/schema/post';

describe('frontmatterBlock', () => {
  it('finds the YAML block, with a BOM and CRLF', () => {
    expect(frontmatterBlock('---\ntitle: x\n---\nbody')).toBe('title: x');
    expect(frontmatterBlock('\uFEFF---\r\ntitle: x\r\ndate: 2024-01-01\r\n---\r\nbody')).toBe('title: x\r\ndate: 2024-01-01');
    expect(frontmatterBlock('no frontmatter')).toBeUndefined();
  });
});

describe('recoverRawDates', () => {
  const source = '---\ntitle: x\ndate: 2020-09-29T23:15:09-07:00 # written in LA\nlastmod: 2021-01-01 10:00\ncreated: 2019-01-01\n---\n';
  const yaml = {
    title: 'x',
    date: new Date('2020-09-30T06:15:09Z'),
    lastmod: new Date('2021-01-01T10:00:00Z'),
    created: new Date('2019-01-01T00:00:00Z'),
  };

  it('puts back unquoted datetimes as written, offset included', () => {
    const out = recoverRawDates(yaml, source, DATE_KEYS);
    expect(out['date']).toBe('2020-09-29T23:15:09-07:00');
    expect(out['lastmod']).toBe('2021-01-01 10:00');
  });

  it('puts back bare dates too, so YAML cannot roll an impossible date over', () => {
    const out = recoverRawDates(yaml, source, DATE_KEYS);
    expect(out['created']).toBe('2019-01-01');
    // js-yaml reads 2024-13-45 as 2025-02-14
    expect(recoverRawDates({ date: new Date('2025-02-14T00:00:00Z') }, '---\ndate: 2024-13-45\n---\n', DATE_KEYS)).toEqual({ date: '2024-13-45' });
  });

  it('leaves other fields and the input object alone', () => {
    const out = recoverRawDates(yaml, source, DATE_KEYS);
    expect(out['title']).toBe('x');
    expect(yaml.date).toBeInstanceOf(Date);
  });

  it('ignores nested keys and values that are already strings', () => {
    // A nested `date:` comes first, with another day: only the top-level key is put back.
    const nested = '---\nmeta:\n  date: 2021-02-02T10:00:00+05:00\ndate: 2020-01-01T10:00:00+05:00\n---\n';
    expect(recoverRawDates({ date: new Date('2020-01-01T05:00:00Z') }, nested, DATE_KEYS)).toEqual({ date: '2020-01-01T10:00:00+05:00' });
    // A quoted date is text already and stays as YAML read it, beside a date that is put back.
    const quoted = '---\ndate: "2020-01-01T10:00:00+05:00"\nlastmod: 2021-01-01T08:00:00-03:00\n---\n';
    expect(recoverRawDates({ date: '2020-01-01T10:00:00+05:00', lastmod: new Date('2021-01-01T11:00:00Z') }, quoted, DATE_KEYS)).toEqual({
      date: '2020-01-01T10:00:00+05:00',
      lastmod: '2021-01-01T08:00:00-03:00',
    });
  });
});

describe('localImageRefs', () => {
  it('finds relative Markdown and HTML images, not remote ones', () => {
    const body = '![a](./a.png) ![b](../shared/b%20c.jpg "title") ![c](https://x.org/c.png) <img src="./d.webp" alt=""> ![e](/abs.png)';
    expect(localImageRefs(body)).toEqual(['./a.png', '../shared/b c.jpg', './d.webp']);
  });

  it('finds an <img> with a bare relative src too, but not a remote, site, query or expression one', () => {
    const body =
      '<img src="e.gif" alt=""> <IMG SRC="sub/my%20f.svg"/> <img src="//cdn.x.org/a.png"> <img src="data:image/png;base64,x"> <img src="/s.png"> <img src="g.png?v=2"> <img src={pic}>';
    expect(localImageRefs(body)).toEqual(['e.gif', 'sub/my f.svg']);
  });

  it('leaves out images shown as code, fenced or inline', () => {
    const body =
      'Write `<img src="inline.png">` or:\n\n```html\n<img src="fenced.png">\n![x](./fenced.png)\n```\n\n~~~\n<img src="tilde.png">\n~~~\n\n<img src="real.png" alt="">\n\n```\n<img src="unclosed.png">\n';
    expect(localImageRefs(body)).toEqual(['real.png']);
  });
});

describe('bodyOf', () => {
  it('returns what follows the frontmatter, BOM and CRLF included', () => {
    expect(bodyOf('---\ntitle: x\n---\nBody.\n')).toBe('Body.\n');
    expect(bodyOf('\uFEFF---\r\ntitle: x\r\n---\r\nBody.')).toBe('Body.');
    expect(bodyOf('No frontmatter.')).toBe('No frontmatter.');
  });

  it("cuts Hugo's TOML frontmatter off too, so it never reaches an excerpt", () => {
    expect(bodyOf('+++\ntitle = "x"\ndate = 2020-01-01\n+++\nBody.\n')).toBe('Body.\n');
    expect(bodyOf('---\n---\nEmpty block.')).toBe('Empty block.');
  });
});

describe('recoverRawDates in TOML', () => {
  it('puts back an offset datetime as written', () => {
    const source = '+++\ntitle = "x"\ndate = 2020-09-29T23:15:09-07:00\n+++\n';
    expect(recoverRawDates({ date: new Date('2020-09-30T06:15:09Z') }, source, DATE_KEYS)).toEqual({ date: '2020-09-29T23:15:09-07:00' });
  });
});
