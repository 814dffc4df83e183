// Rendering: builds DOM nodes from data (never HTML strings), so nothing from the catalog can run as script.
import { state } from './state.js';
import { perMillion, count, plural, tiers, when } from './format.js';

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const $ = id => document.getElementById(id);

export function show(view) {
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== view + '-view';
  $('nav').hidden = !['review', 'sync', 'rules', 'preview', 'notifications', 'transfer'].includes(view);
  for (const button of document.querySelectorAll('#nav [data-view]')) {
    if (button.dataset.view === view) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
}

export function status(message) {
  $('status').textContent = message;
}

export function alert(message) {
  if (message) status('');
  $('alert').textContent = message || '';
  $('alert').hidden = !message;
}

export function counts() {
  $('new-count').textContent = count(state.counts.new || 0);
  $('new-count').setAttribute('aria-label', (state.counts.new || 0) + ' new models waiting for review');
  const which = state.filters.status ? `${state.filters.status} models` : 'models in every status';
  $('models-caption').textContent = `${count(state.total)} ${which} · ${count(state.counts.new || 0)} new waiting for review`;
  const first = state.total === 0 ? 0 : state.offset + 1;
  $('page-info').textContent = `${first}–${state.offset + state.rows.length} of ${count(state.total)}`;
  $('prev-page').disabled = state.offset === 0;
  $('next-page').disabled = state.offset + state.rows.length >= state.total;
  const pageSelected = state.rows.length > 0 && state.rows.every(row => state.selected.has(row.id));
  $('select-all').checked = pageSelected || state.allMatching;
  // "Select all N matching": offered once the whole page is selected and more models match than the page shows
  const offer = (pageSelected || state.allMatching) && state.total > state.rows.length;
  $('select-matching').hidden = !offer;
  $('select-matching').textContent = state.allMatching
    ? 'Select only this page'
    : `Select all ${count(state.total)} matching these filters`;
  $('selected-count').textContent = state.allMatching
    ? `All ${count(state.total)} matching selected`
    : state.selected.size + ' selected';
  $('bulk-apply').disabled = state.selected.size === 0 && !state.allMatching;
  $('bulk-apply').textContent = state.allMatching ? `Apply to all ${count(state.total)}…` : 'Apply to selected…';
}

/** The list while a page loads: still usable, marked busy, with a note in the status line. */
export function busy(loading) {
  $('models-table').setAttribute('aria-busy', loading ? 'true' : 'false');
  $('models-table').classList.toggle('loading', loading);
  $('loading').hidden = !loading;
}

/**
 * The tier checkboxes, only where they mean something: an active model's flags decide who may use it. A new model's
 * tiers are chosen when it is approved; a disabled or inactive one is usable by no tier whatever its flags say, so
 * those rows show the flags as text.
 */
function tierToggles(row) {
  if (row.status !== 'active') {
    const on = tiers(row);
    return el('span', { class: 'note' }, on.length ? on.join(', ') : '—');
  }
  return el('div', { class: 'tier-flags' }, ['free', 'pro', 'enterprise'].map(tier =>
    el('label', {},
      el('input', {
        type: 'checkbox', checked: row['is_' + tier],
        dataset: { action: 'tier', tier, model: row.id },
        'aria-label': `${tier} tier for ${row.id}`,
      }), ' ' + tier)));
}

function actions(row) {
  const buttons = [];
  if (row.status === 'new') {
    buttons.push(el('button', { type: 'button', dataset: { action: 'approve', model: row.id } }, 'Approve…'));
  }
  if (row.status === 'new' || row.status === 'active') {
    buttons.push(el('button', { type: 'button', dataset: { action: 'disable', model: row.id } }, 'Disable'));
  }
  if (row.status === 'disabled') {
    buttons.push(el('button', { type: 'button', dataset: { action: 'enable', model: row.id } }, 'Re-enable'));
  }
  buttons.push(el('button', { type: 'button', dataset: { action: 'detail', model: row.id } }, 'Details'));
  return el('div', { class: 'row-actions' }, buttons);
}

export function rows() {
  const body = $('models-body');
  body.replaceChildren(...state.rows.map(row => {
    const expiring = state.expiring.get(row.id);
    return el('tr', { dataset: { model: row.id, status: row.status } },
      el('td', { 'data-label': 'Select' }, el('input', {
        type: 'checkbox', checked: state.selected.has(row.id),
        dataset: { action: 'select', model: row.id }, 'aria-label': 'Select ' + row.id,
      })),
      el('td', { 'data-label': 'Name', class: 'name', title: row.id },
        // one grid item on narrow screens, where each cell is a label and its value
        el('span', {}, el('strong', {}, row.name || row.id), ' ', el('code', {}, row.id),
          expiring ? el('span', { class: 'flag' }, expiring.expired ? ' expired ' : ' expires ', expiring.expires_on,
            ` · ${plural(expiring.default_users, 'default user', 'default users')}`) : null)),
      el('td', { 'data-label': 'Provider' }, row.provider),
      el('td', { 'data-label': 'Modality' }, row.modality || '—'),
      el('td', { 'data-label': 'Context', class: 'num' }, count(row.context_length)),
      el('td', { 'data-label': 'Prompt $/M', class: 'num' }, perMillion(row.prompt_price)),
      el('td', { 'data-label': 'Completion $/M', class: 'num' }, perMillion(row.completion_price)),
      el('td', { 'data-label': 'Status' }, el('span', { class: 'pill ' + row.status }, row.status)),
      el('td', { 'data-label': 'Tiers' }, tierToggles(row)),
      el('td', { 'data-label': 'Actions' }, actions(row)));
  }));
  if (state.rows.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 10, class: 'empty' }, 'No models match these filters.')));
  }
  counts();
}

export function expiring(list) {
  state.expiring = new Map(list.data.map(item => [item.model.id, item]));
  $('expiring').hidden = list.data.length === 0;
  $('expiring-list').replaceChildren(...list.data.map(item => el('li', {},
    el('code', {}, item.model.id), item.expired ? ' expired on ' : ' expires on ', item.expires_on,
    ` — ${item.default_users === 1 ? '1 user has' : count(item.default_users) + ' users have'} it as their default model`,
    state.successors.get(item.model.id) ? [' · successor: ', el('code', {}, state.successors.get(item.model.id).successor)]
      : ' · successor: none named')));
}

function definition(term, ...values) {
  return [el('dt', {}, term), el('dd', {}, ...values)];
}

export function detail(d) {
  const row = d.model;
  $('detail-title').textContent = row.name || row.id;
  const pricing = Object.entries(d.pricing).filter(([k]) => k !== 'overrides');
  const arch = d.architecture;
  $('detail-body').replaceChildren(...[
    el('dl', { class: 'facts' },
      definition('Id', el('code', {}, row.id)),
      definition('Status', row.status, ' · tiers: ', tiers(row).join(', ') || 'none'),
      definition('Context', count(row.context_length), ' tokens'),
      definition('Expires', row.expiration_date || '—'),
      definition('Default for', plural(d.default_users, 'user', 'users')),
      definition('Description', d.description || '—')),
    el('h3', {}, 'Pricing'),
    el('table', { class: 'small' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Component'), el('th', { scope: 'col' }, 'USD per unit'), el('th', { scope: 'col' }, 'per million'))),
      el('tbody', {}, pricing.map(([name, value]) =>
        el('tr', {}, el('td', {}, name), el('td', { class: 'num' }, value), el('td', { class: 'num' }, perMillion(value)))))),
    d.pricing.overrides ? el('p', {}, 'Conditional prices: ', el('code', {}, JSON.stringify(d.pricing.overrides))) : null,
    el('h3', {}, 'Architecture'),
    el('dl', { class: 'facts' },
      definition('Modality', arch.modality || '—'),
      definition('Input', (arch.input_modalities || []).join(', ') || '—'),
      definition('Output', (arch.output_modalities || []).join(', ') || '—'),
      definition('Tokenizer', arch.tokenizer || '—'),
      definition('Instruct type', arch.instruct_type || '—')),
    el('h3', {}, 'Supported parameters'),
    el('p', {}, d.supported_parameters.length ? d.supported_parameters.join(', ') : 'none listed'),
    el('h3', {}, 'History'),
    d.events.length === 0 ? el('p', {}, 'No events yet.') :
      el('ol', { class: 'events' }, d.events.map(event => el('li', {},
        el('strong', {}, event.kind), ' ', when(event.at), ' by ', event.actor,
        el('div', {}, Object.keys(event.after).filter(key => event.before[key] !== event.after[key]).map(key =>
          el('span', { class: 'change' }, `${key}: ${event.before[key] ?? '—'} → ${event.after[key]}`))))))].filter(Boolean));
}

export function plan(p) {
  $('plan').hidden = false;
  const lists = [['added', 'New models'], ['removed', 'Gone upstream'], ['returned', 'Back upstream'], ['repriced', 'Re-priced']];
  if (p.status !== 'planned') {
    $('plan-summary').textContent = `The sync would not apply: ${p.status} — ${p.error}`;
  } else {
    $('plan-summary').textContent = lists.map(([key, label]) => `${label}: ${p[key].length}`).join(' · ') + ` · unchanged: ${p.unchanged}`;
  }
  $('plan-lists').replaceChildren(...lists.filter(([key]) => p[key].length).flatMap(([key, label]) =>
    [el('dt', {}, label), el('dd', {}, p[key].slice(0, 50).join(', ') + (p[key].length > 50 ? ` … and ${p[key].length - 50} more` : ''))]));
  $('plan-apply').disabled = p.status !== 'planned';
}

export function runs(list) {
  $('runs-body').replaceChildren(...list.data.map(run => el('tr', { dataset: { status: run.status } },
    el('td', { 'data-label': 'Started' }, when(run.started_at)),
    el('td', { 'data-label': 'Status' }, el('span', { class: 'pill ' + run.status }, run.status)),
    el('td', { 'data-label': 'Trigger' }, run.trigger),
    el('td', { 'data-label': 'Added', class: 'num' }, run.added),
    el('td', { 'data-label': 'Updated', class: 'num' }, run.updated),
    el('td', { 'data-label': 'Gone', class: 'num' }, run.deactivated),
    el('td', { 'data-label': 'Back', class: 'num' }, run.reactivated),
    el('td', { 'data-label': 'Error' }, run.error || ''))));
}

export function preview(p) {
  $('preview-summary').textContent = `A ${p.tier} user picks from ${p.data.length} models now (from the ${p.source} list as of ${when(p.as_of)}).`;
  $('preview-select').replaceChildren(...p.data.map(m => el('option', { value: m.id }, (m.name || m.id) + ' — ' + m.id)));
}
