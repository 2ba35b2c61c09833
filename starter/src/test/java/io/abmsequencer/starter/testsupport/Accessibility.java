package io.abmsequencer.starter.testsupport;

/** A small in-page checker for accessibility basics; returns a list of problems in plain words. */
final class Accessibility {
  private Accessibility() {}

  static final String SCRIPT = """
      const problems = [];
      if (!document.documentElement.lang) problems.push('the page has no lang attribute');
      const h1 = document.querySelectorAll('h1').length;
      if (h1 !== 1) problems.push('the page has ' + h1 + ' h1 headings, expected one');
      for (const el of document.querySelectorAll('input, select, textarea')) {
        if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
        const labelled = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]'))
            || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        if (!labelled) problems.push('a form field has no label: ' + (el.name || el.id || el.outerHTML.slice(0, 60)));
      }
      for (const img of document.querySelectorAll('img')) {
        if (!img.hasAttribute('alt')) problems.push('an image has no alt text: ' + img.src);
      }
      for (const b of document.querySelectorAll('button, a')) {
        if (!(b.textContent.trim() || b.getAttribute('aria-label') || b.querySelector('img[alt]'))) problems.push('a button or link has no name');
      }
      const rgb = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
      const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
      const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const seen = new Set();
      while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (!node.textContent.trim() || !el || seen.has(el)) continue;
        seen.add(el);
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none' || el.offsetParent === null && style.position !== 'fixed') continue;
        const fg = rgb(style.color), bg = background(el);
        if (!fg) continue;
        const l1 = lum(fg), l2 = lum(bg), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
        const needed = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
        if (ratio < needed) problems.push('low contrast (' + ratio.toFixed(2) + ':1) for "' + node.textContent.trim().slice(0, 40) + '"');
      }
      return problems;
      """;
}
