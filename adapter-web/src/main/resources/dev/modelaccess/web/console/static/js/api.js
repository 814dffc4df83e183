// The admin API as the console calls it: bearer token from sessionStorage (or the host's session cookie with
// Spring Security's CSRF token), problem+json errors turned into ApiError.
const TOKEN_KEY = 'modelaccess.console.token';
let base = '/api';
let signOutUrl = null;

export class ApiError extends Error {
  constructor(status, detail, method = 'GET') {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.method = method;
  }

  /** A 403 on a read: the caller is not an admin. A 403 on a write is a refused change (e.g. the host's CSRF check). */
  get notAnAdmin() { return this.status === 403 && this.method === 'GET'; }
}

export async function configure() {
  try {
    const response = await fetch('config.json', { credentials: 'same-origin' });
    if (response.ok) {
      const config = await response.json();
      base = config.api_base || base;
      signOutUrl = config.sign_out_url || null;
    }
  } catch (e) { /* keep the default */ }
}

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function setToken(value) { sessionStorage.setItem(TOKEN_KEY, value.trim()); }
export function clearToken() { sessionStorage.removeItem(TOKEN_KEY); }

/** Takes a token handed over as #access_token=… and removes it from the address. */
export function takeTokenFromFragment() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const handed = params.get('access_token');
  if (handed) {
    setToken(handed);
    history.replaceState(null, '', location.pathname + location.search);
  }
}

/** Whether the host said where its own sign-out is (for admins signed in with its session cookie). */
export function hostSignOut() { return signOutUrl !== null; }

/** Ends the host's session: a form post to its sign-out address, with the CSRF token as Spring Security reads it. */
export function signOutOfHost() {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = signOutUrl;
  const csrf = csrfToken();
  if (csrf) {
    const field = document.createElement('input');
    field.type = 'hidden';
    field.name = '_csrf';
    field.value = csrf;
    form.append(field);
  }
  document.body.append(form);
  form.submit();
}

function csrfToken() {
  const match = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : null;
}

/** A request given up for a newer one (AbortController): not an error to show. */
export function isAborted(error) { return error && error.name === 'AbortError'; }

export async function call(method, path, body, signal) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const bearer = token();
  if (bearer) headers.Authorization = 'Bearer ' + bearer;
  if (method !== 'GET') {
    const csrf = csrfToken();
    if (csrf) headers['X-XSRF-TOKEN'] = csrf;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(base + path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (isAborted(e)) throw e;
    throw new ApiError(0, 'The server could not be reached.', method);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    // Only a problem's detail explains anything; a title, Spring's "error" or the status text merely names the status.
    const field = json && json.field ? ` (field ${json.field})` : '';
    throw new ApiError(response.status, ((json && json.detail) || '') + field, method);
  }
  return json;
}

/**
 * A call whose body is text of the given type (a YAML or JSON file) and whose answer is text (accept names the type
 * wanted) or, when accept is JSON, parsed. A problem's field and line go into the error's detail.
 */
export async function callText(method, path, text, contentType, accept) {
  const headers = { Accept: accept + ', application/problem+json' };
  const bearer = token();
  if (bearer) headers.Authorization = 'Bearer ' + bearer;
  if (method !== 'GET') {
    const csrf = csrfToken();
    if (csrf) headers['X-XSRF-TOKEN'] = csrf;
  }
  if (text !== undefined) headers['Content-Type'] = contentType;
  let response;
  try {
    response = await fetch(base + path, { method, headers, credentials: 'same-origin', body: text });
  } catch (e) {
    throw new ApiError(0, 'The server could not be reached.', method);
  }
  const body = await response.text();
  if (!response.ok) {
    let problem = null;
    try { problem = JSON.parse(body); } catch (e) { problem = null; }
    const where = [problem && problem.field ? 'field ' + problem.field : '', problem && problem.line ? 'line ' + problem.line : '']
      .filter(Boolean).join(', ');
    throw new ApiError(response.status, ((problem && problem.detail) || '') + (where ? ` (${where})` : ''), method);
  }
  return accept === 'application/json' ? JSON.parse(body) : body;
}

/** Whether the host offers a demo admin token (the example app in demo mode); null when not. */
export async function demoToken() {
  try {
    const response = await fetch('demo-token', { credentials: 'same-origin' });
    if (!response.ok) return null;
    return (await response.json()).token || null;
  } catch (e) { return null; }
}

/**
 * A model id as the two path segments the API addresses it by: exactly author/slug, neither part empty, '.' or '..'
 * (a browser resolves dot segments before sending, which would address another model), each part encoded. Anything
 * else is refused here and nothing is sent; the sync never stores such ids and the API answers them 400.
 */
export function modelPath(model) {
  const parts = String(model).split('/');
  if (parts.length !== 2 || parts.some(part => part === '' || part === '.' || part === '..')) {
    throw new ApiError(400, `The model id "${model}" is not a valid author/slug; nothing was sent.`);
  }
  return parts.map(part => encodeURIComponent(part)).join('/');
}

const id = modelPath;

export const api = {
  list: (params, signal) => call('GET', '/admin/console/models?' + new URLSearchParams(params), undefined, signal),
  expiring: () => call('GET', '/admin/console/expiring'),
  detail: model => call('GET', '/admin/console/models/' + id(model)),
  model: model => call('GET', '/admin/models/' + id(model)),
  patch: (model, change) => call('PATCH', '/admin/models/' + id(model), change),
  review: request => call('POST', '/admin/models/review', request),
  reviewMatching: (request, dryRun) =>
    call('POST', '/admin/models/review-matching' + (dryRun ? '?dry_run=true' : ''), request),
  dryRun: () => call('POST', '/admin/sync?dry_run=true'),
  sync: force => call('POST', '/admin/sync?force=' + (force ? 'true' : 'false')),
  runs: () => call('GET', '/admin/sync-runs?limit=10'),
  tier: tier => call('GET', '/admin/tiers/' + encodeURIComponent(tier) + '/models'),
  rules: () => call('GET', '/admin/rules'),
  saveRules: rules => call('PUT', '/admin/rules', { rules }),
  previewRules: (rules, syncs) => call('POST', '/admin/rules/preview', { rules, syncs }),
  applyRules: dryRun => call('POST', '/admin/rules/apply?dry_run=' + (dryRun ? 'true' : 'false')),
  held: () => call('GET', '/admin/models/held'),
  clearHold: model => call('DELETE', '/admin/models/' + id(model) + '/hold'),
  facets: () => call('GET', '/admin/catalog/facets'),
  notifications: (status, limit) =>
    call('GET', '/admin/notifications?' + new URLSearchParams({ ...(status ? { status } : {}), limit })),
  attempts: entry => call('GET', '/admin/notifications/' + encodeURIComponent(entry) + '/attempts'),
  resend: entry => call('POST', '/admin/notifications/' + encodeURIComponent(entry) + '/resend'),
};
