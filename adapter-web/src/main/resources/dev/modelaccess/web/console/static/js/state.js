// What the console shows, held in one place; views re-render from it.
export const state = {
  filters: { status: 'new', provider: '', modality: '', q: '', sort: 'first_seen_desc' },
  limit: 50,
  offset: 0,
  total: 0,
  counts: {},
  rows: [],
  selected: new Set(),
  expiring: new Map(),
  successors: new Map(),
  lastAbort: null,
};

export function query() {
  const params = { sort: state.filters.sort, limit: state.limit, offset: state.offset };
  for (const key of ['status', 'provider', 'modality', 'q']) {
    if (state.filters[key]) params[key] = state.filters[key];
  }
  return params;
}

export function replaceRow(row) {
  const index = state.rows.findIndex(r => r.id === row.id);
  if (index >= 0) state.rows[index] = { ...state.rows[index], ...row };
}
