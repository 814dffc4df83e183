// The catalog policy in the console: the rule editor (list, edit, reorder, delete) whose draft is previewed before
// it can be saved, the saved rules applied to pending models (dry run first), the price holds in the review queue,
// and the filters' pick lists of the providers and modalities present in the catalog.
import { api } from './api.js';
import { el, status, alert } from './views.js';

const $ = id => document.getElementById(id);
const rules = { saved: [], draft: [], editing: -1, previewed: false, facets: null, pendingChecked: false };
let hooks = { failed: error => { throw error; }, confirm: async () => true };

/** A rule's match in words, for the list. */
function describe(rule) {
  const m = rule.match || {};
  const parts = [];
  if (m.authors && m.authors.length) parts.push('author ' + m.authors.join(' or '));
  if (m.model_id) parts.push('id ' + m.model_id);
  if (m.free === true) parts.push('free');
  if (m.free === false) parts.push('paid');
  if (m.input_modality) parts.push('reads ' + m.input_modality);
  if (m.output_modality) parts.push('writes ' + m.output_modality);
  if (m.max_prompt_price != null) parts.push('prompt ≤ $' + m.max_prompt_price + '/M');
  if (m.max_completion_price != null) parts.push('completion ≤ $' + m.max_completion_price + '/M');
  if (m.min_context_length != null) parts.push('context ≥ ' + Number(m.min_context_length).toLocaleString('en'));
  return parts.length ? parts.join(', ') : 'every model';
}

function actionWords(rule) {
  if (rule.action !== 'approve') return rule.action === 'disable' ? 'disable' : 'review (stays new)';
  return 'approve for ' + (rule.tiers && rule.tiers.length ? rule.tiers.join(', ') : 'no tier');
}

function changed() {
  rules.previewed = false;
  $('rules-save').disabled = true;
  $('rules-preview-box').hidden = true;
  renderRules();
}

function renderRules() {
  const same = JSON.stringify(rules.draft) === JSON.stringify(rules.saved);
  $('rules-caption').textContent = same ? `${rules.draft.length} rules, in order (as saved)` : `${rules.draft.length} rules, in order (draft, not saved)`;
  const rows = rules.draft.map((rule, i) => el('tr', {},
    el('td', { class: 'num', 'data-label': '#' }, String(i + 1)),
    el('td', { 'data-label': 'Name' }, rule.name),
    el('td', { 'data-label': 'Matches' }, describe(rule)),
    el('td', { 'data-label': 'Action' }, el('span', { class: 'pill ' + (rule.action === 'approve' ? 'active' : rule.action === 'disable' ? 'disabled' : 'new') }, actionWords(rule))),
    el('td', { 'data-label': 'Edit' }, el('div', { class: 'row-actions' },
      el('button', { type: 'button', dataset: { rule: i, op: 'up' }, disabled: i === 0, 'aria-label': `Move ${rule.name} up` }, '↑'),
      el('button', { type: 'button', dataset: { rule: i, op: 'down' }, disabled: i === rules.draft.length - 1, 'aria-label': `Move ${rule.name} down` }, '↓'),
      el('button', { type: 'button', dataset: { rule: i, op: 'edit' } }, 'Edit'),
      el('button', { type: 'button', dataset: { rule: i, op: 'delete' } }, 'Delete')))));
  $('rules-body').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No rule: every new model waits for an admin.'))]));
}

function options(select, values, first) {
  const keep = select.value;
  select.replaceChildren(el('option', { value: '' }, first), ...values.map(v => el('option', { value: v }, v)));
  select.value = values.includes(keep) ? keep : '';
}

/** The providers and modalities the catalog holds, as pick lists (filters and the rule editor). */
export async function loadFacets() {
  if (rules.facets) return;
  try {
    rules.facets = await api.facets();
  } catch (error) {
    return; // the filters keep "all"; the failure shows on the next call that matters
  }
  options($('f-provider'), rules.facets.providers, 'all');
  options($('f-modality'), rules.facets.modalities, 'all');
  options($('r-input'), rules.facets.input_modalities, 'any');
  options($('r-output'), rules.facets.output_modalities, 'any');
}

export async function loadRules() {
  await loadFacets();
  const answer = await api.rules();
  rules.saved = answer.data;
  rules.draft = structuredClone(answer.data);
  clearForm();
  changed();
  $('pending-apply').disabled = true;
  $('pending-result').textContent = '';
}

export async function loadHolds() {
  const answer = await api.held();
  $('holds').hidden = answer.data.length === 0;
  $('holds-list').replaceChildren(...answer.data.map(hold => el('li', {},
    el('code', {}, hold.model), ' ',
    hold.reason === 'became_paid' ? 'was free, now paid (left the free tier)' : 'price rose beyond the hold factor', ': prompt ',
    priceChange(hold.old_prompt_per_million, hold.new_prompt_per_million), ', completion ',
    priceChange(hold.old_completion_per_million, hold.new_completion_per_million), ' ',
    el('button', { type: 'button', dataset: { hold: hold.model } }, 'Clear the hold'))));
}

function priceChange(before, after) {
  const words = value => value == null || Number(value) === 0 ? 'free' : '$' + value + '/M';
  return words(before) + ' → ' + words(after);
}

function clearForm() {
  rules.editing = -1;
  $('rule-form').reset();
  $('rule-form-title').textContent = 'Add a rule';
  $('rule-submit').textContent = 'Add to the draft';
  tiersEnabled();
}

function tiersEnabled() {
  $('r-tiers').disabled = $('r-action').value !== 'approve';
}

function fill(rule) {
  const m = rule.match || {};
  $('r-name').value = rule.name;
  $('r-authors').value = (m.authors || []).join(', ');
  $('r-model').value = m.model_id || '';
  $('r-free').value = m.free == null ? '' : String(m.free);
  $('r-input').value = m.input_modality || '';
  $('r-output').value = m.output_modality || '';
  $('r-prompt').value = m.max_prompt_price ?? '';
  $('r-completion').value = m.max_completion_price ?? '';
  $('r-context').value = m.min_context_length ?? '';
  $('r-action').value = rule.action;
  for (const tier of ['free', 'pro', 'enterprise']) {
    $(tier === 'free' ? 'r-free-tier' : 'r-' + tier).checked = (rule.tiers || []).includes(tier);
  }
  tiersEnabled();
}

/** The rule the form describes, as the API spells it; empty fields are left out (the server judges the rest). */
function fromForm() {
  const text = id => $(id).value.trim();
  const match = {};
  const authors = text('r-authors').split(',').map(a => a.trim()).filter(Boolean);
  if (authors.length) match.authors = authors;
  if (text('r-model')) match.model_id = text('r-model');
  if (text('r-free')) match.free = text('r-free') === 'true';
  if (text('r-input')) match.input_modality = text('r-input');
  if (text('r-output')) match.output_modality = text('r-output');
  if (text('r-prompt')) match.max_prompt_price = text('r-prompt');
  if (text('r-completion')) match.max_completion_price = text('r-completion');
  if (text('r-context')) match.min_context_length = Number(text('r-context'));
  const action = text('r-action');
  const tiers = action === 'approve'
    ? ['free', 'pro', 'enterprise'].filter(t => $(t === 'free' ? 'r-free-tier' : 'r-' + t).checked) : [];
  return { name: text('r-name'), match, action, tiers };
}

async function preview() {
  try {
    const answer = await api.previewRules(rules.draft, 1);
    showPreview(answer);
    rules.previewed = true;
    $('rules-save').disabled = JSON.stringify(rules.draft) === JSON.stringify(rules.saved);
    alert('');
    status('Preview done: nothing was written.');
  } catch (error) {
    hooks.failed(error);
  }
}

function counts(outcome) {
  const a = outcome.actions;
  const t = outcome.tiers;
  return `${a.approve} approved (free ${t.free}, pro ${t.pro}, enterprise ${t.enterprise}), ${a.disable} disabled, `
    + `${a.review} sent to review, ${a.none} left new by no rule`;
}

function showPreview(answer) {
  const pending = answer.pending;
  const recent = answer.recent;
  $('rules-preview-summary').replaceChildren(
    el('strong', {}, `The ${pending.total} models now new: `), counts(pending), '.', el('br'),
    el('strong', {}, `The ${recent.total} models the last sync added: `), counts(recent), '.');
  const rows = pending.models.slice(0, 200).map(entry => el('tr', {},
    el('td', { 'data-label': 'Model', class: 'name' }, el('div', {}, entry.name || entry.model, el('br'), el('code', {}, entry.model))),
    el('td', { 'data-label': 'Rule' }, entry.rule || '—'),
    el('td', { 'data-label': 'Action' }, el('span', { class: 'pill ' + (entry.action === 'approve' ? 'active' : entry.action === 'disable' ? 'disabled' : 'new') },
      entry.action === 'approve' ? 'approve: ' + entry.tiers.join(', ') : entry.action === 'none' ? 'stays new' : entry.action))));
  $('rules-preview-caption').textContent = pending.total > 200
    ? `What the draft decides for the first 200 of the ${pending.total} new models` : 'What the draft decides for the models now new';
  $('rules-preview-body').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 3, class: 'empty' }, 'No model is new.'))]));
  $('rules-preview-box').hidden = false;
}

async function save() {
  if (!rules.previewed) return;
  if (!(await hooks.confirm('Save the rules?', `The ${rules.draft.length} rules replace the saved ones and decide the models the next sync adds, on every instance.`, rules.draft.map(r => `${r.name}: ${describe(r)} → ${actionWords(r)}`), 'Save the rules'))) return;
  try {
    const answer = await api.saveRules(rules.draft);
    rules.saved = answer.data;
    rules.draft = structuredClone(answer.data);
    changed();
    status(`Saved ${answer.data.length} rules.`);
  } catch (error) {
    hooks.failed(error);
  }
}

async function applyPending(dryRun) {
  try {
    const answer = await api.applyRules(dryRun);
    const by = {};
    for (const decision of answer.data) by[decision.action] = (by[decision.action] || 0) + 1;
    const words = Object.entries(by).map(([action, n]) => `${n} ${action}`).join(', ') || 'none';
    $('pending-result').textContent = dryRun
      ? `Dry run: the saved rules would decide ${answer.decided} of the ${answer.pending} pending models (${words}). Nothing was written.`
      : `Applied: the saved rules decided ${answer.decided} of the ${answer.pending} pending models (${words}).`;
    $('pending-apply').disabled = !dryRun || answer.decided === 0;
  } catch (error) {
    hooks.failed(error);
  }
}

export function bindRules(handlers) {
  hooks = handlers;
  $('r-action').addEventListener('change', tiersEnabled);
  $('rule-form').addEventListener('submit', event => {
    event.preventDefault();
    const rule = fromForm();
    if (rules.editing >= 0) rules.draft[rules.editing] = rule; else rules.draft.push(rule);
    clearForm();
    changed();
    status(`Rule ${rule.name} is in the draft; preview it, then save.`);
  });
  $('rule-clear').addEventListener('click', clearForm);
  $('rules-body').addEventListener('click', event => {
    const button = event.target.closest('button[data-op]');
    if (!button) return;
    const i = Number(button.dataset.rule);
    const op = button.dataset.op;
    if (op === 'up' || op === 'down') {
      const j = op === 'up' ? i - 1 : i + 1;
      [rules.draft[i], rules.draft[j]] = [rules.draft[j], rules.draft[i]];
      changed();
    } else if (op === 'delete') {
      rules.draft.splice(i, 1);
      changed();
    } else {
      rules.editing = i;
      fill(rules.draft[i]);
      $('rule-form-title').textContent = 'Edit rule ' + rules.draft[i].name;
      $('rule-submit').textContent = 'Update the draft';
      $('r-name').focus();
    }
  });
  $('rules-preview').addEventListener('click', preview);
  $('rules-save').addEventListener('click', save);
  $('rules-revert').addEventListener('click', () => { rules.draft = structuredClone(rules.saved); clearForm(); changed(); });
  $('pending-dry').addEventListener('click', () => applyPending(true));
  $('pending-apply').addEventListener('click', async () => {
    if (await hooks.confirm('Apply the saved rules?', 'The saved rules decide the models that are still new with no tier, as the dry run showed.', [], 'Apply the rules')) {
      await applyPending(false);
    }
  });
  $('holds-list').addEventListener('click', async event => {
    const button = event.target.closest('button[data-hold]');
    if (!button) return;
    try {
      await api.clearHold(button.dataset.hold);
      status(`Hold on ${button.dataset.hold} cleared.`);
      await loadHolds();
    } catch (error) {
      hooks.failed(error);
    }
  });
}

