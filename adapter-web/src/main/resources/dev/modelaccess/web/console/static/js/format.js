// Prices arrive in USD per token as decimal strings; the console shows USD per million tokens.
export function perMillion(value) {
  if (value === null || value === undefined) return 'free';
  const number = Number(value);
  if (number < 0) return 'variable';
  if (number === 0) return 'free';
  const million = number * 1e6;
  return '$' + (million >= 100 ? million.toFixed(0) : million >= 1 ? million.toFixed(2) : million.toPrecision(2));
}

export function count(n) { return n === null || n === undefined ? '—' : Number(n).toLocaleString('en'); }

// "1 user", "2 users".
export function plural(n, one, many) { return `${count(n)} ${n === 1 ? one : many}`; }

export function tiers(row) {
  return ['free', 'pro', 'enterprise'].filter(t => row['is_' + t]);
}

export function when(instant) { return instant ? new Date(instant).toISOString().replace('T', ' ').substring(0, 16) + ' UTC' : '—'; }

// A refusal in plain words, with the server's own explanation (a problem's detail) when it gave one.
export function plainError(error) {
  const detail = String(error.detail || '').trim().replace(/([^.!?])$/, '$1.');
  const said = sentence => detail ? sentence + ': ' + detail : sentence + '.';
  switch (error.status) {
    case 0: return 'The server could not be reached. Nothing was changed.';
    case 403: return said('The server refused this change')
      + ' If you signed in through this site\'s own login, reload the page: the session or its security token may have expired.';
    case 409: return said('The server refused this change');
    case 422: return said('The server could not accept this change');
    case 503: return said('The server is unavailable right now') + ' Nothing was changed.';
    case 400: return said('The request was not valid');
    case 404: return said('Not found');
    default: return said('Something went wrong (HTTP ' + error.status + ')');
  }
}
