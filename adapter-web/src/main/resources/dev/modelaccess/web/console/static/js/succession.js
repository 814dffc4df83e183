// Successors (on a model's detail) and tier defaults (on the tier preview page).
import { call, ApiError } from './api.js';
import { el } from './views.js';
import { plainError, when } from './format.js';

const $ = id => document.getElementById(id);
const id = model => model.split('/').map(encodeURIComponent).join('/');
const TIERS = ['free', 'pro', 'enterprise'];

export const successionApi = {
  all: () => call('GET', '/admin/successors'),
  name: (model, successor) => call('PUT', '/admin/models/' + id(model) + '/successor', { successor }),
  remove: model => call('DELETE', '/admin/models/' + id(model) + '/successor'),
  tierDefault: tier => call('GET', '/admin/tiers/' + encodeURIComponent(tier) + '/default-model'),
  setTierDefault: (tier, model) => call('PUT', '/admin/tiers/' + encodeURIComponent(tier) + '/default-model', { model }),
  clearTierDefault: tier => call('DELETE', '/admin/tiers/' + encodeURIComponent(tier) + '/default-model'),
  menu: tier => call('GET', '/admin/tiers/' + encodeURIComponent(tier) + '/models'),
};

/** Every successor by model id; empty when the host keeps none (the routes are absent). */
export async function successors() {
  try {
    const all = await successionApi.all();
    return new Map(all.successors.map(s => [s.model, s]));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return new Map();
    throw error;
  }
}

/** Why a change was refused, in the panel itself (the dialog hides the page's alert). */
function refused(target, error) {
  if (!(error instanceof ApiError)) throw error;
  target.textContent = plainError(error);
  target.hidden = false;
}

/** Pages the console's list routes allow, and how many of them the picker reads at most. */
const PAGE = 100;
const MAX_PICKER_PAGES = 20;

/** The active models, by id, a page of 100 at a time (the routes' largest page), the first 2,000 at most. */
async function activeModels() {
  const models = [];
  for (let page = 0; page < MAX_PICKER_PAGES; page++) {
    const answer = await call('GET', `/admin/console/models?status=active&sort=model_id&limit=${PAGE}&offset=${page * PAGE}`);
    models.push(...answer.data);
    if (answer.data.length < PAGE || models.length >= answer.total) break;
  }
  return models;
}

/**
 * The successor picker of a model's detail: the successor named now, a pick list of the models that could take over
 * (the active ones usable by every tier this model is on; the server checks again), name and remove.
 */
export async function successorPanel(row, onChange) {
  const section = el('section', { class: 'successor', 'aria-labelledby': 'successor-title' });
  $('detail-body').append(section);
  const [all, candidates] = await Promise.all([successors(), activeModels()]);
  const current = all.get(row.id);
  const onTiers = TIERS.filter(t => row['is_' + t]);
  const usable = candidates.filter(m => m.id !== row.id && onTiers.every(t => m['is_' + t]));
  const message = el('p', { class: 'panel-error', role: 'alert', hidden: true });
  const picker = el('select', { id: 'successor-select', 'aria-label': `Successor of ${row.id}` },
    el('option', { value: '' }, '— pick a model —'),
    usable.map(m => el('option', { value: m.id, selected: current && current.successor === m.id }, `${m.name || m.id} — ${m.id}`)));
  const name = el('button', { type: 'button', id: 'successor-name' }, current ? 'Replace successor' : 'Name successor');
  const remove = el('button', { type: 'button', id: 'successor-remove', hidden: !current }, 'Remove');
  const retired = row.status === 'inactive' || row.status === 'disabled';
  section.append(
    el('h3', { id: 'successor-title' }, 'Successor'),
    el('p', { id: 'successor-current' }, current
      ? [`Users and resources move to `, el('code', {}, current.successor), ` when this model retires.`,
        current.carried_over_at ? ` Moved on ${when(current.carried_over_at)}.` : '']
      : 'None named: users whose default this is keep it until they pick another, and resources bound to it stop running when it retires.'),
    el('p', { class: 'hint' }, retired
      ? 'This model is retired: naming a successor moves its users and resources now.'
      : `Only active models usable by ${onTiers.length ? onTiers.join(', ') : 'any tier'} are offered.`),
    el('div', { class: 'successor-pick' }, picker, name, remove),
    message);
  name.addEventListener('click', async () => {
    message.hidden = true;
    if (!picker.value) { refused(message, new ApiError(422, 'pick the model that takes over', 'PUT')); return; }
    try {
      const answer = await successionApi.name(row.id, picker.value);
      const moved = answer.carried_over;
      section.remove();
      await successorPanel(row, onChange);
      onChange(moved ? `${row.id}: successor ${picker.value}; moved ${Object.entries(moved.moved).map(([k, v]) => `${v} ${k}`).join(', ')} to ${moved.successor}.`
        : `${row.id}: successor ${picker.value}.`);
    } catch (error) { refused(message, error); }
  });
  remove.addEventListener('click', async () => {
    message.hidden = true;
    try {
      await successionApi.remove(row.id);
      section.remove();
      await successorPanel(row, onChange);
      onChange(`${row.id}: successor removed.`);
    } catch (error) { refused(message, error); }
  });
}

/** The tier defaults: each tier's default model, picked from that tier's dropdown. */
export async function tierDefaults(onChange) {
  const body = $('tier-defaults-body');
  const rows = await Promise.all(TIERS.map(async tier => {
    const [set, menu] = await Promise.all([successionApi.tierDefault(tier), successionApi.menu(tier)]);
    const message = el('p', { class: 'panel-error', role: 'alert', hidden: true });
    const picker = el('select', { id: `tier-default-${tier}`, 'aria-label': `Default model of the ${tier} tier` },
      el('option', { value: '' }, '— none —'),
      menu.data.map(m => el('option', { value: m.id, selected: set.model === m.id }, `${m.name || m.id} — ${m.id}`)));
    if (set.model && !menu.data.some(m => m.id === set.model)) {
      picker.append(el('option', { value: set.model, selected: true }, `${set.model} (not usable by ${tier} now)`));
    }
    const save = el('button', { type: 'button', id: `tier-default-save-${tier}` }, 'Save');
    save.addEventListener('click', async () => {
      message.hidden = true;
      try {
        if (picker.value) await successionApi.setTierDefault(tier, picker.value);
        else await successionApi.clearTierDefault(tier);
        onChange(picker.value ? `The ${tier} tier's default is now ${picker.value}.` : `The ${tier} tier has no default now.`);
        await tierDefaults(onChange);
      } catch (error) { refused(message, error); }
    });
    return el('tr', {},
      el('th', { scope: 'row', 'data-label': 'Tier' }, tier),
      el('td', { 'data-label': 'Default model' }, picker, message),
      el('td', { 'data-label': 'Set' }, set.model ? `${when(set.set_at)} by ${set.set_by}` : '—'),
      el('td', { 'data-label': 'Action' }, save));
  }));
  body.replaceChildren(...rows);
}
