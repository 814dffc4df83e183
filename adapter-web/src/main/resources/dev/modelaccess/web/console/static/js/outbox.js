// The notification outbox in the console: the latest deliveries, the failing ones (pending after failed attempts,
// with the last error and the next attempt), the dead letters, the attempts of one entry, and "send again". The API
// answers no channel setting (URLs and keys are the server's properties), so none can show here.
import { api, ApiError } from './api.js';
import { el, status, alert } from './views.js';
import { count, plural, when, plainError } from './format.js';

const $ = id => document.getElementById(id);
const LIMIT = 100;
const outbox = { filter: '', entries: [] };
let hooks = { failed: error => { throw error; }, ask: async () => 'close' };

/** Where an entry stands, in the console's words: pending entries that already failed are "failing". */
function standing(entry) {
  if (entry.status === 'pending' && entry.attempts > 0) return 'failing';
  return entry.status;
}

function took(millis) {
  return millis < 1000 ? `${millis} ms` : `${(millis / 1000).toFixed(1)} s`;
}


function delivery(entry) {
  switch (standing(entry)) {
    case 'delivered':
      return `Delivered ${when(entry.delivered_at)}`;
    case 'failing':
      return [el('span', { class: 'outbox-error' }, 'Last error: ', entry.last_error || 'none recorded'),
        el('span', { class: 'outbox-next' }, `Next attempt ${when(entry.due_at)}`)];
    case 'dead':
      return [el('span', { class: 'outbox-error' }, 'Last error: ', entry.last_error || 'none recorded'),
        el('span', { class: 'outbox-next' }, `Gave up ${when(entry.last_attempt_at)}`)];
    default:
      return entry.delivery === 'digest' ? `Due with the daily digest, ${when(entry.due_at)}` : `Due ${when(entry.due_at)}`;
  }
}

function actions(entry) {
  const buttons = [el('button', { type: 'button', dataset: { outbox: 'attempts', entry: entry.entry_id } }, 'Attempts')];
  const shown = standing(entry);
  if (shown === 'dead' || shown === 'failing') {
    buttons.push(el('button', {
      type: 'button', class: 'resend', dataset: { outbox: 'resend', entry: entry.entry_id },
      'aria-label': `Send again: ${entry.title} (${entry.channel})`,
    }, 'Send again'));
  }
  return el('div', { class: 'row-actions' }, buttons);
}

function row(entry) {
  const shown = standing(entry);
  return el('tr', { dataset: { entry: entry.entry_id, status: shown } },
    el('td', { 'data-label': 'Created' }, when(entry.created_at)),
    el('td', { 'data-label': 'Notice', class: 'notice' },
      el('span', {}, el('strong', {}, entry.title), ' ', el('code', {}, entry.kind))),
    el('td', { 'data-label': 'Channel' }, entry.channel + (entry.delivery === 'digest' ? ' · digest' : '')),
    el('td', { 'data-label': 'Status' }, el('span', { class: 'pill ' + shown }, shown)),
    el('td', { 'data-label': 'Attempts', class: 'num' }, count(entry.attempts)),
    el('td', { 'data-label': 'Delivery', class: 'outbox-delivery' }, delivery(entry)),
    el('td', { 'data-label': 'Actions' }, actions(entry)));
}

const EMPTY = {
  '': 'No notification yet. Notices appear here once a channel (webhook, Slack or email) is enabled and a sync, an expiry check or a key check has something to tell.',
  failing: 'No failing notification: every pending one is waiting for its first attempt or its digest.',
  dead: 'No dead letter.',
  delivered: 'No notification was delivered yet.',
  pending: 'No pending notification.',
};

const CAPTION = {
  '': n => n === 0 ? 'Notifications' : `The latest ${plural(n, 'notification', 'notifications')}, newest first`,
  failing: n => `${plural(n, 'failing notification', 'failing notifications')}: retried automatically`,
  dead: n => `${plural(n, 'dead letter', 'dead letters')}: no more automatic attempts`,
  delivered: n => `The latest ${plural(n, 'delivered notification', 'delivered notifications')}`,
  pending: n => `${plural(n, 'pending notification', 'pending notifications')}`,
};

function render() {
  const rows = outbox.entries.map(row);
  $('outbox-caption').textContent = CAPTION[outbox.filter](outbox.entries.length);
  $('outbox-body').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 7, class: 'empty' }, EMPTY[outbox.filter]))]));
}

function unavailable(error) {
  const why = error instanceof ApiError && error.status === 0
    ? 'The notifications could not be loaded: the server could not be reached. Try Reload in a moment.'
    : error instanceof ApiError && error.status === 404
      ? 'This server keeps no notification outbox.'
      : 'The notifications could not be loaded. ' + (error instanceof ApiError ? plainError(error) : '');
  $('outbox-caption').textContent = 'Notifications';
  $('outbox-summary').replaceChildren();
  $('outbox-body').replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'empty' }, why)));
}

/** The failing and dead counts above the list, and the dead letters' badge in the navigation. */
function summary(pending, dead) {
  const failing = pending.filter(entry => entry.attempts > 0).length;
  const more = n => n >= LIMIT ? `${count(LIMIT)}+` : count(n);
  $('outbox-summary').replaceChildren(
    el('button', { type: 'button', class: 'link', dataset: { show: 'failing' } },
      `${more(failing)} failing`), ' (retried automatically) · ',
    el('button', { type: 'button', class: 'link', dataset: { show: 'dead' } },
      `${more(dead.length)} ${dead.length === 1 ? 'dead letter' : 'dead letters'}`), ' (send them again) · ',
    el('button', { type: 'button', class: 'link', dataset: { show: '' } }, 'latest'));
  deadBadge(dead.length);
}

function deadBadge(dead) {
  $('outbox-dead-count').hidden = dead === 0;
  $('outbox-dead-count').textContent = dead >= LIMIT ? `${LIMIT}+` : String(dead);
  $('outbox-dead-count').setAttribute('aria-label', `${dead} dead letters`);
}

/** The dead letters' count for the navigation's badge; quiet on a host without the outbox. */
export async function loadDeadCount() {
  try {
    deadBadge((await api.notifications('dead', LIMIT)).entries.length);
  } catch (error) { /* the page says why when it is opened */ }
}

/** Loads the list the filter asks for, and the counts above it. Throws (after saying so on the page) on a failure. */
export async function loadOutbox() {
  try {
    const asked = outbox.filter === 'failing' ? 'pending' : outbox.filter;
    const [list, pending, dead] = await Promise.all([
      api.notifications(asked, outbox.filter === '' ? 50 : LIMIT), api.notifications('pending', LIMIT), api.notifications('dead', LIMIT)]);
    outbox.entries = outbox.filter === 'failing' ? list.entries.filter(entry => entry.attempts > 0) : list.entries;
    summary(pending.entries, dead.entries);
    render();
  } catch (error) {
    unavailable(error);
    throw error;
  }
}

async function showAttempts(entryId) {
  const entry = outbox.entries.find(e => e.entry_id === entryId);
  const attempts = await api.attempts(entryId);
  $('attempts-title').textContent = entry ? `Attempts: ${entry.title}` : 'Attempts';
  $('attempts-summary').textContent = entry
    ? `${entry.kind} by ${entry.channel}, created ${when(entry.created_at)}: ${standing(entry)} after ${plural(attempts.length, 'attempt', 'attempts')}.`
    : '';
  $('attempts-body').replaceChildren(...(attempts.length ? attempts.map(a => el('tr', {},
    el('td', { class: 'num', 'data-label': '#' }, String(a.attempt)),
    el('td', { 'data-label': 'At' }, when(a.at)),
    el('td', { 'data-label': 'Outcome' }, el('span', { class: 'pill ' + (a.delivered ? 'delivered' : 'dead') }, a.delivered ? 'delivered' : 'failed')),
    el('td', { class: 'num', 'data-label': 'Took' }, took(a.millis)),
    el('td', { 'data-label': 'Error' }, a.error || '')))
    : [el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No attempt yet.'))]));
  await hooks.ask($('attempts-dialog'));
}

async function resend(button) {
  const entry = outbox.entries.find(e => e.entry_id === button.dataset.entry);
  button.disabled = true;
  try {
    await api.resend(button.dataset.entry);
    alert('');
    const what = entry ? `"${entry.title}" (${entry.channel})` : 'The notification';
    await loadOutbox().catch(hooks.failed);
    status(`Sent again: ${what} is pending, due now, with a fresh 24-hour retry window; the next dispatch sends it.`);
  } catch (error) {
    hooks.failed(error);
    if (error instanceof ApiError && error.status === 404) await loadOutbox().catch(() => {});
  } finally {
    if (button.isConnected) button.disabled = false;
  }
}

export function bindOutbox(handlers) {
  hooks = handlers;
  const show = filter => {
    outbox.filter = filter;
    $('o-status').value = filter;
    loadOutbox().then(() => { alert(''); }, hooks.failed);
  };
  $('outbox-filters').addEventListener('submit', event => {
    event.preventDefault();
    show($('o-status').value);
  });
  $('outbox-reload').addEventListener('click', () => show(outbox.filter));
  $('outbox-summary').addEventListener('click', event => {
    const link = event.target.closest('button[data-show]');
    if (link) show(link.dataset.show);
  });
  $('outbox-body').addEventListener('click', event => {
    const button = event.target.closest('button[data-outbox]');
    if (!button) return;
    if (button.dataset.outbox === 'resend') resend(button);
    else showAttempts(button.dataset.entry).catch(hooks.failed);
  });
}
