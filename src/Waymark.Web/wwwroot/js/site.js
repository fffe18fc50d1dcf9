import { initAll } from '/vendor/nhsuk-frontend/nhsuk-frontend.min.js';
initAll();

// Instrument forms: hide questions the instrument's skip rules leave out (data-skip-when, the definition's
// condition format) as answers change. The server decides again on save, so the form works without this.
for (const form of document.querySelectorAll('form[data-module="waymark-skips"]')) {
  const groups = [...form.querySelectorAll('[data-item]')];
  const test = (t, v) => (t.atLeast === undefined || v >= t.atLeast) && (t.atMost === undefined || v <= t.atMost) && (t.equals === undefined || v === t.equals);
  // Three values: true, false, or null (not yet known), as the scorer evaluates them.
  const evaluate = (c, values) => {
    if (c.item !== undefined) { const v = values.get(c.item); return v === undefined ? null : test(c, v); }
    if (c.countOf !== undefined) {
      let met = 0, unknown = 0;
      for (const id of c.countOf) { const v = values.get(id); if (v === undefined) unknown++; else if (test(c.where, v)) met++; }
      return met >= c.atLeast ? true : met + unknown >= c.atLeast ? null : false;
    }
    const parts = (c.any ?? c.all ?? []).map(p => evaluate(p, values));
    if (c.any) return parts.includes(true) ? true : parts.includes(null) ? null : false;
    if (c.all) return parts.includes(false) ? false : parts.includes(null) ? null : true;
    return false;
  };
  const update = () => {
    const values = new Map();
    for (const g of groups) {
      const when = g.dataset.skipWhen ? JSON.parse(g.dataset.skipWhen) : null;
      const skipped = when !== null && evaluate(when, values) === true;
      g.hidden = skipped;
      if (skipped) { values.set(g.dataset.item, Number(g.dataset.skipValue)); continue; }
      const checked = g.querySelector('input[type="radio"]:checked');
      if (checked) values.set(g.dataset.item, Number(checked.value));
    }
  };
  form.addEventListener('change', update);
  update();
}
