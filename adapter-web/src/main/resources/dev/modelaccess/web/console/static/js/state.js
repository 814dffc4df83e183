// What the console shows, held in one place; views re-render from it.
export const state = {
  filters: { status: 'new', provider: '', modality: '', q: '', sort: 'first_seen_desc' },
  limit: 50,
  offset: 0,
  total: 0,
  counts: {},
  rows: [],
  selected: new Set(),
  // every model matching the filters is selected (not only the page's): the review goes by filter, server-side
  allMatching: false,
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

/** The filters alone (no order, no paging), as the review of every matching model takes them. */
export function filterOnly() {
  const filter = {};
  for (const key of ['status', 'provider', 'modality', 'q']) {
    if (state.filters[key]) filter[key] = state.filters[key];
  }
  return filter;
}

export function replaceRow(row) {
  const index = state.rows.findIndex(r => r.id === row.id);
  if (index >= 0) state.rows[index] = { ...state.rows[index], ...row };
}
