// The demo user page: calls /api exactly as an application's front end would, with the chosen demo user's token.
const $ = id => document.getElementById(id);
let users = [];
let token = null;
let resource = null;

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: 'Bearer ' + token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error((json && json.detail) || response.statusText);
  return json;
}

function say(message) { $('status').textContent = message; }
function fail(error) { $('alert').hidden = false; $('alert').textContent = error.message; }

function option(value, text, selected) {
  const node = document.createElement('option');
  node.value = value;
  node.textContent = text;
  node.selected = selected;
  return node;
}

async function loadUser() {
  const user = users.find(u => u.id === $('user').value);
  token = user.token;
  $('alert').hidden = true;
  const models = await call('GET', '/api/models');
  $('tier-info').textContent = `Tier ${models.tier}: ${models.data.length} models. Default: ${models.default_model || 'none yet'}.`;
  $('model').replaceChildren(...models.data.map(m => option(m.id, m.name || m.id, m.id === models.default_model)));
  const key = await fetch('/api/me/openrouter-key', { headers: { Authorization: 'Bearer ' + token } });
  $('key-info').textContent = key.ok ? keyWords(await key.json()) : 'No key saved.';
  say(`Signed in as the ${user.label} demo user.`);
}

function keyWords(key) {
  return `Key saved: ${key.key_hint} — ${key.is_valid ? 'valid' : 'not valid'}${key.is_enabled ? '' : ', switched off'}.`;
}

async function start() {
  const answer = await fetch('/demo/users').then(r => r.json());
  users = answer.data;
  $('user').replaceChildren(...users.map(u => option(u.id, `${u.label} (tier ${u.tier})`, u.tier === 'pro')));
  $('user').addEventListener('change', () => loadUser().catch(fail));
  $('save-default').addEventListener('click', async () => {
    try {
      const saved = await call('PUT', '/api/me/default-model', { model: $('model').value });
      await loadUser();
      say(`Default model saved: ${saved.model}.`);
    } catch (error) { fail(error); }
  });
  $('key-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const key = await call('PUT', '/api/me/openrouter-key', { api_key: $('key').value });
      $('key').value = '';
      $('key-info').textContent = keyWords(key);
      say('Key saved.');
    } catch (error) { fail(error); }
  });
  $('resource-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      resource = await call('POST', '/api/resources', { name: $('resource-name').value, model: $('model').value, config: {} });
      $('resource-info').textContent = `Resource “${resource.name}” on ${resource.model} created.`;
      $('run-form').hidden = false;
    } catch (error) { fail(error); }
  });
  $('run-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const run = await call('POST', `/api/resources/${resource.id}/run`, { input: $('run-input').value });
      $('run-output').textContent = `${run.model}: ${run.output}`;
    } catch (error) { fail(error); }
  });
  await loadUser();
}

start().catch(fail);
