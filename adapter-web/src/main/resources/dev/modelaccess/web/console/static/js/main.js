// The console's flow: sign-in, the review queue, decisions, sync and the tier preview.
import {
  api, ApiError, isAborted, configure, token, setToken, clearToken, takeTokenFromFragment, demoToken, hostSignOut, signOutOfHost,
} from './api.js';
import { state, query, filterOnly, replaceRow } from './state.js';
import * as views from './views.js';
import { plainError, count } from './format.js';
import * as succession from './succession.js';
import { bindRules, loadRules, loadHolds, loadFacets } from './rules.js';
import { bindOutbox, loadOutbox, loadDeadCount } from './outbox.js';
import { bindTransfer } from './transfer.js';

const $ = id => document.getElementById(id);
let current = 'review';

/** Opens a dialog and resolves with its return value; focus goes back where it was. */
function ask(dialog) {
  const opener = document.activeElement;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue);
    }, { once: true });
    dialog.returnValue = 'cancel';
    dialog.showModal();
  });
}

async function confirm(title, text, items, okLabel = 'Confirm') {
  $('confirm-title').textContent = title;
  $('confirm-ok').textContent = okLabel;
  $('confirm-text').textContent = text;
  $('confirm-list').replaceChildren(...items.slice(0, 30).map(i => views.el('li', {}, i)),
    ...(items.length > 30 ? [views.el('li', {}, `… and ${items.length - 30} more`)] : []));
  return (await ask($('confirm-dialog'))) === 'ok';
}

/**
 * Handles a failed call: 401 back to sign-in, a 403 on a read the not-an-admin screen, else the plain reason (a 403
 * on a write too: an admin whose change the host refused, e.g. its CSRF check on an expired session).
 */
function failed(error) {
  if (!(error instanceof ApiError)) throw error;
  if (error.status === 401) {
    clearToken();
    signIn('Your session expired or the token was not accepted. Sign in again.');
  } else if (error.notAnAdmin) {
    views.show('forbidden');
    views.alert('');
  } else {
    views.alert(plainError(error));
  }
  return error;
}

function signIn(message) {
  views.show('signin');
  $('signin-message').textContent = message || '';
  views.alert('');
  $('token').focus();
}

let loading = null;

/**
 * Loads the page the filters ask for. The list stays usable while it loads (marked busy); a newer request aborts the
 * one under way (AbortController), so a quick run of clicks never shows an older answer last. Resolves false when
 * this load was given up for a newer one.
 */
async function loadList() {
  if (loading) loading.abort();
  const mine = new AbortController();
  loading = mine;
  views.busy(true);
  try {
    const [page, expiring, successors] = await Promise.all([
      api.list(query(), mine.signal), api.expiring(), succession.successors(), loadFacets()]);
    if (mine.signal.aborted) return false;
    state.successors = successors;
    await loadHolds().catch(() => {}); // hosts without the catalog policy's routes have no holds
    state.rows = page.data;
    state.total = page.total;
    state.counts = page.counts;
    views.expiring(expiring);
    views.rows();
    return true;
  } catch (error) {
    if (isAborted(error)) return false;
    throw error;
  } finally {
    if (loading === mine) {
      loading = null;
      views.busy(false);
    }
  }
}

async function refresh(message) {
  try {
    if ((await loadList()) && message) views.status(message);
    return true;
  } catch (error) {
    failed(error);
    return false;
  }
}

/** Selection changes with the filters or the page: what was selected is no longer what is shown. */
function clearSelection() {
  state.selected.clear();
  state.allMatching = false;
}

async function open(view) {
  current = view;
  views.show(view);
  views.alert('');
  try {
    if (view === 'review') await loadList();
    if (view === 'sync') await loadRuns();
    if (view === 'preview') await loadPreview();
    if (view === 'rules') await loadRules();
    if (view === 'notifications') await loadOutbox();
  } catch (error) {
    failed(error);
  }
}

async function start() {
  await configure();
  takeTokenFromFragment();
  const offered = await demoToken();
  $('demo-token').hidden = !offered;
  $('demo-token').onclick = () => { setToken(offered); start(); };
  try {
    await loadList();
    // signed in by the host's session: Sign out only where the host said how to end it
    $('sign-out').hidden = !token() && !hostSignOut();
    loadDeadCount();
    await open(current);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      clearToken();
      signIn(token() ? '' : '');
    } else {
      failed(error);
    }
  }
}

/** One decision for several models through the all-or-nothing review endpoint. */
async function decide(models, change, words) {
  try {
    const answer = await api.review({ models, ...change });
    views.alert('');
    await refresh(`${words}: ${answer.data.length} model${answer.data.length === 1 ? '' : 's'} changed.`);
    state.selected.clear();
    views.counts();
  } catch (error) {
    if (failed(error).status >= 400 && error.status !== 401 && !error.notAnAdmin) {
      await refresh(); // show what the server holds now
      views.alert(plainError(error) + ' The list shows what the server holds now.');
    }
  }
}

function tierChoice(prefix) {
  return { is_free: $(prefix + '-free').checked, is_pro: $(prefix + '-pro').checked, is_enterprise: $(prefix + '-enterprise').checked };
}

function tierWords(change) {
  const on = ['free', 'pro', 'enterprise'].filter(t => change['is_' + t]);
  return on.length ? on.join(', ') : 'no tier';
}

async function onRowAction(event) {
  const target = event.target.closest('[data-action]');
  if (!target) return;
  const model = target.dataset.model;
  const action = target.dataset.action;
  if (action === 'select') {
    state.allMatching = false;
    if (target.checked) state.selected.add(model); else state.selected.delete(model);
    views.counts();
  } else if (action === 'approve') {
    $('approve-model').textContent = model;
    if ((await ask($('approve-dialog'))) !== 'ok') return;
    const change = { status: 'active', ...tierChoice('approve') };
    await decide([model], change, `Approved for ${tierWords(change)}`);
  } else if (action === 'disable') {
    await decide([model], { status: 'disabled' }, 'Disabled');
  } else if (action === 'enable') {
    await decide([model], { status: 'active' }, 'Re-enabled');
  } else if (action === 'tier') {
    const change = { ['is_' + target.dataset.tier]: target.checked };
    try {
      replaceRow(await api.patch(model, change));
      views.status(`${model}: ${target.dataset.tier} ${target.checked ? 'on' : 'off'}.`);
      views.alert('');
    } catch (error) {
      failed(error);
      try { replaceRow(await api.model(model)); } catch (e) { /* the list reload below shows it */ }
    }
    views.rows();
  } else if (action === 'detail') {
    try {
      const detail = await api.detail(model);
      views.detail(detail);
      const asked = ask($('detail-dialog'));
      await succession.successorPanel(detail.model, views.status).catch(failed);
      await asked;
    } catch (error) {
      failed(error);
    }
  }
}

function bulkChange() {
  const action = $('bulk-action').value;
  return action === 'disable' ? { status: 'disabled' } : { status: 'active', ...tierChoice('bulk') };
}

/**
 * Every model matching the filters: the server counts them (a dry run), the admin confirms that count, and the
 * server applies the change to exactly those in one transaction (409 when the count changed meanwhile).
 */
async function onBulkMatching() {
  const change = bulkChange();
  const request = { filter: filterOnly(), ...change };
  let matching;
  try {
    matching = (await api.reviewMatching(request, true)).matching;
  } catch (error) { failed(error); return; }
  const what = change.status === 'disabled'
    ? `Disable all ${count(matching)} models matching these filters: nobody can use them until they are re-enabled.`
    : `Make all ${count(matching)} models matching these filters active for ${tierWords(change)}; every other tier off for them.`;
  const label = change.status === 'disabled' ? `Disable ${count(matching)} models` : `Approve ${count(matching)} models`;
  if (!(await confirm('Apply one decision to every model matching the filters', what
    + ' All or nothing, on the server: if the catalog changed and the filters no longer match exactly this many, nothing changes.',
  [], label))) return;
  try {
    const answer = await api.reviewMatching({ ...request, expected_count: matching }, false);
    views.alert('');
    clearSelection();
    await refresh(`${change.status === 'disabled' ? 'Disabled' : 'Approved'}: ${count(answer.changed)} of ${count(answer.matching)} matching models changed.`);
  } catch (error) {
    if (failed(error).status === 409) {
      await refresh();
      views.alert(plainError(error));
    }
  }
}

async function onBulk() {
  if (state.allMatching) { await onBulkMatching(); return; }
  const models = [...state.selected];
  const action = $('bulk-action').value;
  const change = bulkChange();
  let words;
  if (action === 'disable') {
    words = `Disable ${models.length} models: nobody can use them until they are re-enabled.`;
  } else {
    words = `Make ${models.length} models active for ${tierWords(change)}; every other tier off for them.`;
  }
  const label = action === 'disable' ? `Disable ${models.length} models` : `Approve ${models.length} models`;
  if (!(await confirm('Apply one decision to the selected models', words + ' All or nothing: if one is refused, none changes.', models, label))) return;
  await decide(models, change, action === 'disable' ? 'Disabled' : 'Approved');
}

async function loadRuns() {
  const runs = await api.runs();
  views.runs(runs);
  const aborted = runs.data.find(run => run.status === 'aborted');
  state.lastAbort = runs.data.length && runs.data[0].status === 'aborted' ? runs.data[0] : aborted || null;
}

async function runSync(force) {
  views.status(force ? 'Running a forced sync…' : 'Running the sync…');
  try {
    const run = await api.sync(force);
    $('plan').hidden = true;
    await loadRuns();
    await refresh();
    views.status(`Sync ${run.status}: ${run.added} added, ${run.updated} updated, ${run.deactivated} gone, ${run.reactivated} back.` + (run.error ? ' ' + run.error : ''));
  } catch (error) {
    failed(error);
  }
}

async function loadPreview() {
  views.preview(await api.tier($('preview-tier').value));
  await succession.tierDefaults(views.status);
}

function bind() {
  bindRules({ failed, confirm });
  bindOutbox({ failed, ask });
  bindTransfer({ failed, confirm });
  $('signin-form').addEventListener('submit', event => {
    event.preventDefault();
    setToken($('token').value);
    $('token').value = '';
    start();
  });
  for (const id of ['sign-out', 'forbidden-sign-out']) {
    $(id).addEventListener('click', () => {
      const bySession = !token();
      clearToken();
      if (bySession && hostSignOut()) signOutOfHost(); else signIn('Signed out.');
    });
  }
  for (const button of document.querySelectorAll('#nav [data-view]')) {
    button.addEventListener('click', () => open(button.dataset.view));
  }
  $('filters').addEventListener('submit', event => {
    event.preventDefault();
    for (const key of Object.keys(state.filters)) state.filters[key] = $('f-' + key).value.trim();
    state.offset = 0;
    clearSelection();
    refresh('Filters applied.');
  });
  $('prev-page').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); refresh(); });
  $('next-page').addEventListener('click', () => { state.offset += state.limit; refresh(); });
  $('select-all').addEventListener('change', event => {
    state.allMatching = false;
    for (const row of state.rows) {
      if (event.target.checked) state.selected.add(row.id); else state.selected.delete(row.id);
    }
    views.rows();
  });
  $('select-matching').addEventListener('click', () => {
    state.allMatching = !state.allMatching;
    if (!state.allMatching) state.selected.clear();
    views.rows();
  });
  $('models-body').addEventListener('click', event => {
    if (event.target.matches('input[type=checkbox]')) return;
    onRowAction(event);
  });
  $('models-body').addEventListener('change', onRowAction);
  $('bulk-apply').addEventListener('click', onBulk);
  $('bulk-action').addEventListener('change', () => {
    $('bulk').querySelector('.tiers').disabled = $('bulk-action').value === 'disable';
  });
  $('sync-dry').addEventListener('click', async () => {
    try {
      views.plan(await api.dryRun());
      views.status('Dry run done: nothing was written.');
    } catch (error) { failed(error); }
  });
  $('sync-run').addEventListener('click', () => runSync(false));
  $('plan-apply').addEventListener('click', () => runSync(false));
  $('sync-force').addEventListener('click', async () => {
    await loadRuns().catch(failed);
    const guard = state.lastAbort ? state.lastAbort.error : 'no guard stopped a recent run';
    if (await confirm('Force the sync past its guards?', `The last run was stopped by: ${guard}. A forced run applies the upstream list anyway.`, [], 'Force the sync')) {
      await runSync(true);
    }
  });
  $('preview-form').addEventListener('submit', event => {
    event.preventDefault();
    loadPreview().catch(failed);
  });
}

bind();
window.addEventListener('hashchange', () => {
  if (location.hash.includes('access_token=')) start();
});
start();
