// The catalog as code in the console: the export (downloaded, or loaded into the editor), and an import whose dry
// run shows every change, from → to, before "Apply" writes it (the server answers the same diff again, as applied).
import { callText } from './api.js';
import { el, status, alert } from './views.js';
import { count } from './format.js';

const $ = id => document.getElementById(id);
/** At most this many models are listed in the diff; the counts cover them all. */
const SHOWN = 500;
const transfer = { previewed: null };
let hooks = { failed: error => { throw error; }, confirm: async () => true };

const exportFile = asJson => callText('GET', '/admin/catalog/export', undefined, undefined, asJson ? 'application/json' : 'application/yaml');
const importFile = (text, dryRun) => callText('POST', '/admin/catalog/import?dry_run=' + (dryRun ? 'true' : 'false'),
  text, typeOf(text), 'application/json');

/** JSON when the file looks like JSON (an object), else YAML. */
function typeOf(text) {
  return /^\s*\{/.test(text) ? 'application/json' : 'application/yaml';
}

async function download(asJson) {
  try {
    const text = await exportFile(asJson);
    const name = 'model-access-catalog.' + (asJson ? 'json' : 'yaml');
    const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: asJson ? 'application/json' : 'application/yaml' })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    status(`Downloaded ${name} (${count(text.length)} characters).`);
  } catch (error) { hooks.failed(error); }
}

async function loadExport() {
  try {
    $('import-text').value = await exportFile(false);
    stale();
    status('The current catalog is in the editor: change it, then preview.');
  } catch (error) { hooks.failed(error); }
}

/** The text changed since the preview: Apply waits for a new one. */
function stale() {
  transfer.previewed = null;
  $('import-apply').disabled = true;
}

function value(field, v) {
  if (v === null || v === undefined) return 'none';
  if (field.startsWith('is_')) return v ? 'on' : 'off';
  return String(v);
}

function fieldName(field) {
  return { is_free: 'free tier', is_pro: 'pro tier', is_enterprise: 'enterprise tier' }[field] || field;
}

function ruleWords(rule) {
  if (!rule) return '—';
  const tiers = rule.action === 'approve' ? ' for ' + (rule.tiers && rule.tiers.length ? rule.tiers.join(', ') : 'no tier') : '';
  return `${rule.name}: ${rule.action}${tiers}`;
}

/** from → to; an absent side ("none", "—") is plain text, not struck out or highlighted. */
function change(from, to) {
  const side = (tag, text) => (text === 'none' || text === '—' ? el('span', { class: 'absent' }, text) : el(tag, {}, text));
  return el('span', { class: 'diff' }, side('del', from), ' → ', side('ins', to));
}

function summary(report) {
  const what = [
    `${count(report.changed_models)} model${report.changed_models === 1 ? '' : 's'} changed`,
    `${count(report.unchanged_models)} as the file says already`,
    `${count(report.rules.length)} rule change${report.rules.length === 1 ? '' : 's'}`,
    `${count(report.tier_defaults.length)} tier default change${report.tier_defaults.length === 1 ? '' : 's'}`,
  ];
  if (report.unknown_models.length) what.push(`${count(report.unknown_models.length)} not in the catalog (skipped)`);
  const head = report.applied
    ? `Applied: ${count(report.rows_written)} row${report.rows_written === 1 ? '' : 's'} written. `
    : 'Dry run, nothing written: ';
  return head + what.join(', ') + '.';
}

function render(report) {
  $('import-result').hidden = false;
  $('import-result-title').textContent = report.applied ? 'Applied' : 'Preview (nothing written yet)';
  $('import-summary').textContent = summary(report);
  const models = report.models.slice(0, SHOWN).map(model => el('tr', {},
    el('td', { class: 'name', 'data-label': 'Model' }, el('code', {}, model.id)),
    el('td', { 'data-label': 'Changes' }, el('ul', { class: 'changes' },
      model.changes.map(c => el('li', {}, fieldName(c.field) + ': ', change(value(c.field, c.from), value(c.field, c.to))))))));
  if (report.models.length > SHOWN) {
    models.push(el('tr', {}, el('td', { colspan: 2, class: 'empty' }, `… and ${count(report.models.length - SHOWN)} more models`)));
  }
  $('import-models-body').replaceChildren(...(models.length ? models
    : [el('tr', {}, el('td', { colspan: 2, class: 'empty' }, 'No model changes.'))]));
  $('import-models-caption').textContent = `Models (${count(report.models.length)} changed)`;
  const rules = report.rules.map(r => el('tr', {},
    el('td', { class: 'num', 'data-label': '#' }, String(r.index + 1)),
    el('td', { 'data-label': 'Change' }, el('span', { class: 'pill ' + (r.change === 'added' ? 'active' : r.change === 'removed' ? 'disabled' : 'new') }, r.change)),
    el('td', { 'data-label': 'Rule' }, change(ruleWords(r.from), ruleWords(r.to)))));
  $('import-rules-body').replaceChildren(...(rules.length ? rules
    : [el('tr', {}, el('td', { colspan: 3, class: 'empty' }, 'No rule changes.'))]));
  const defaults = report.tier_defaults.map(t => el('tr', {},
    el('td', { 'data-label': 'Tier' }, t.tier),
    el('td', { 'data-label': 'Default' }, change(t.from || 'none', t.to || 'none'))));
  $('import-defaults-body').replaceChildren(...(defaults.length ? defaults
    : [el('tr', {}, el('td', { colspan: 2, class: 'empty' }, 'No tier default changes.'))]));
  $('import-unknown').hidden = report.unknown_models.length === 0;
  $('import-unknown-list').replaceChildren(...report.unknown_models.slice(0, SHOWN).map(id => el('li', {}, el('code', {}, id))));
}

async function preview() {
  const text = $('import-text').value;
  if (!text.trim()) {
    alert('Choose a file or paste one first.');
    return;
  }
  try {
    const report = await importFile(text, true);
    alert('');
    render(report);
    transfer.previewed = text;
    $('import-apply').disabled = report.models.length + report.rules.length + report.tier_defaults.length === 0;
    status(report.models.length + report.rules.length + report.tier_defaults.length === 0
      ? 'Nothing to apply: the catalog is as the file says.' : 'Preview ready: check the changes, then apply.');
  } catch (error) {
    $('import-result').hidden = true;
    stale();
    hooks.failed(error);
  }
}

async function apply() {
  const text = transfer.previewed;
  if (text === null || text !== $('import-text').value) { stale(); return; }
  if (!(await hooks.confirm('Apply the import?', $('import-summary').textContent.replace('Dry run, nothing written: ', '')
    + ' All or nothing: if one entry is refused, nothing changes. Each change is recorded as made by "import".', [], 'Apply the import'))) return;
  try {
    const report = await importFile(text, false);
    alert('');
    render(report);
    stale();
    status('Import applied: what it changed is below.');
  } catch (error) { hooks.failed(error); }
}

export function bindTransfer(handlers) {
  hooks = handlers;
  $('export-yaml').addEventListener('click', () => download(false));
  $('export-json').addEventListener('click', () => download(true));
  $('export-load').addEventListener('click', loadExport);
  $('import-text').addEventListener('input', stale);
  $('import-file').addEventListener('change', async event => {
    const file = event.target.files[0];
    if (!file) return;
    $('import-text').value = await file.text();
    stale();
    status(`${file.name} loaded: preview it.`);
  });
  $('import-preview').addEventListener('click', preview);
  $('import-apply').addEventListener('click', apply);
}
