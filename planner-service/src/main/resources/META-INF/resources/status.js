// The colshift status page: the planner's list of migrations, and for the one selected (the URL's #id) its phases,
// progress and rows/s from the server-sent events of GET /migrations/{id}/events, its verification and audit trail.
// Every value from the planner is rendered as text (textContent), never as markup.
'use strict';

const PATH = ['ACCEPTED', 'EXPANDING', 'BACKFILLING', 'CONTRACTING', 'VERIFYING', 'COMPLETED'];
const TERMINAL = new Set(['COMPLETED', 'FAILED', 'REJECTED', 'CANCELLED', 'ROLLED_BACK']);
const LIST_INTERVAL_MS = 5000;
const CHART_SAMPLES = 120;

const state = { id: null, source: null, lastPhase: null, previous: null, rates: [] };

function $(id) { return document.getElementById(id); }

function element(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach(cell => tr.appendChild(cell instanceof Node ? cell : element('td', cell)));
  return tr;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function number(n) {
  return n === undefined || n === null ? '' : Number(n).toLocaleString('en-US');
}

function showError(message) {
  const e = $('error');
  e.textContent = message || '';
  e.hidden = !message;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = '';
    try { detail = (await response.json()).detail || ''; } catch (ignored) { /* not problem+json */ }
    throw new Error(`GET ${path}: HTTP ${response.status}${detail ? ': ' + detail : ''}`);
  }
  return response.json();
}

function migrationPath(id) {
  return '/migrations/' + encodeURIComponent(id);
}

// --- the list ---

async function loadList() {
  try {
    const listing = await getJson('/migrations?limit=50');
    renderList(listing.migrations || []);
    showError(null);
  } catch (e) {
    showError(e.message);
  }
}

function renderList(migrations) {
  const body = $('migrations').tBodies[0];
  body.replaceChildren(...migrations.map(m => {
    const tr = row([
      element('td', m.id, 'mono'),
      `${m.table}.${m.column} ${m.type || ''}`,
      m.phase,
      m.desired,
      `${Number(m.percent).toFixed(1)}%`,
      when(m.createdAt),
      when(m.updatedAt),
    ]);
    tr.dataset.id = m.id;
    if (m.id === state.id) tr.classList.add('selected');
    tr.addEventListener('click', () => { location.hash = encodeURIComponent(m.id); });
    return tr;
  }));
  $('list-empty').hidden = migrations.length > 0;
  if (!state.id && migrations.length > 0 && !location.hash) {
    location.hash = encodeURIComponent(migrations[0].id);
  }
}

// --- one migration ---

function select(id) {
  if (state.source) state.source.close();
  Object.assign(state, { id, source: null, lastPhase: null, previous: null, rates: [] });
  document.querySelectorAll('#migrations tbody tr').forEach(tr => tr.classList.toggle('selected', tr.dataset.id === id));
  $('detail').hidden = !id;
  if (!id) return;
  $('detail-title').textContent = id;
  $('verification').tBodies[0].replaceChildren();
  $('audit').tBodies[0].replaceChildren();
  renderChart();
  getJson(migrationPath(id)).then(view => { if (state.id === id) render(view); }).catch(e => showError(e.message));
  follow(id);
}

function follow(id) {
  const source = new EventSource(migrationPath(id) + '/events');
  state.source = source;
  setStreamState('connecting');
  source.onopen = () => setStreamState('live');
  source.onmessage = message => {
    if (state.id !== id) return;
    const view = JSON.parse(message.data);
    render(view);
    if (TERMINAL.has(view.phase)) {
      source.close();
      setStreamState('ended');
      loadList();
    }
  };
  source.onerror = () => {
    if (state.id !== id || source.readyState === EventSource.CLOSED) {
      if (state.id === id && $('stream-state').dataset.state !== 'ended') setStreamState('closed');
      return;
    }
    setStreamState('reconnecting');
  };
}

function setStreamState(name) {
  const badge = $('stream-state');
  badge.dataset.state = name;
  badge.textContent = name;
}

function render(view) {
  $('detail-change').textContent = `${view.table}.${view.column} ${view.type || ''}`;
  renderTimeline(view);
  renderProgress(view);
  sampleRate(view);
  $('desired').textContent = view.desired || 'RUN';
  $('waiting-for').textContent = view.waitingFor || 'nothing';
  $('throttle').textContent = throttleText(view.throttle);
  $('replicas').textContent = replicasText(view.replicas);
  $('paused-since').textContent = view.pausedSince ? when(view.pausedSince) : '—';
  $('phase-detail').textContent = view.detail || '—';
  $('trace-id').textContent = view.traceId || 'none (tracing is off)';
  renderVerification(view.verification);
  if (view.phase !== state.lastPhase) {
    state.lastPhase = view.phase;
    loadAudit(view.id);
  }
}

// why the workers hold the backfill back now, as the planner reads their reports (null: they do not)
function replicasText(replicas) {
  if (!replicas) return 'not running';
  if (replicas.length === 0) return 'none connected';
  return replicas.map(r => `${r.replica}: ${(r.replayLagMillis / 1000).toFixed(1)} s, ${r.lagBytes} bytes behind`).join('; ');
}

function throttleText(throttle) {
  if (!throttle || !throttle.throttled) return 'not throttled';
  const workers = throttle.workers > 1 ? `, ${throttle.workers} workers held back` : '';
  return `${throttle.kind}: ${throttle.reason} (${throttle.worker}, since ${when(throttle.since)}${workers})`;
}

function renderTimeline(view) {
  const stepsPerPhase = {};
  (view.plan || []).forEach(step => { stepsPerPhase[step.phase] = (stepsPerPhase[step.phase] || 0) + 1; });
  const at = PATH.indexOf(view.phase);
  const items = PATH.map((phase, i) => {
    const li = element('li', phase);
    const steps = stepsPerPhase[phase];
    if (steps) li.appendChild(element('small', `${steps} step${steps === 1 ? '' : 's'}`));
    li.dataset.phase = phase;
    if (at >= 0) li.className = i < at || view.phase === 'COMPLETED' ? 'done' : i === at ? 'current' : 'pending';
    if (i === at) li.setAttribute('aria-current', 'step');
    return li;
  });
  if (at < 0) {
    // off the forward path (paused, failed, cancelled, rolled back): shown as where the migration is now
    const li = element('li', view.phase, TERMINAL.has(view.phase) ? 'ended-badly' : 'current');
    li.dataset.phase = view.phase;
    li.setAttribute('aria-current', 'step');
    items.push(li);
  }
  $('timeline').replaceChildren(...items);
}

function renderProgress(view) {
  const percent = Number(view.percent) || 0;
  $('progress-bar').style.width = `${Math.min(100, Math.max(0, percent))}%`;
  const label = $('percent');
  label.textContent = `${percent.toFixed(1)}%`;
  label.dataset.value = String(percent);
  $('rows').textContent = `${number(view.rowsDone)} / ${number(view.rowsTotal)} rows`;
  $('ranges').textContent = `${number(view.batchesDone)} / ${number(view.batchesTotal)} ranges`;
  $('rate').textContent = `${number(view.rowsPerSecond)} rows/s on average`;
  $('eta').textContent = view.etaSeconds === undefined || view.etaSeconds === null ? '' : `ETA ${view.etaSeconds} s`;
}

// rows/s between two consecutive readings of the stream, as the page received them
function sampleRate(view) {
  const now = performance.now();
  const previous = state.previous;
  state.previous = { at: now, rows: Number(view.rowsDone) || 0 };
  if (!previous || now - previous.at < 1) return;
  const rate = Math.max(0, (state.previous.rows - previous.rows) * 1000 / (now - previous.at));
  state.rates.push(rate);
  if (state.rates.length > CHART_SAMPLES) state.rates.shift();
  renderChart();
}

function renderChart() {
  const rates = state.rates;
  const chart = $('rate-chart');
  chart.dataset.samples = String(rates.length);
  const peak = Math.max(1, ...rates);
  const step = 600 / Math.max(1, CHART_SAMPLES - 1);
  $('rate-line').setAttribute('points',
      rates.map((r, i) => `${(i * step).toFixed(1)},${(130 - r / peak * 120).toFixed(1)}`).join(' '));
  $('rate-peak').textContent = rates.length
      ? `peak ${number(Math.round(peak))} rows/s, last ${number(Math.round(rates[rates.length - 1]))} rows/s`
      : 'no readings yet';
}

function renderVerification(checks) {
  const body = $('verification').tBodies[0];
  if (!Array.isArray(checks) || checks.length === 0) {
    $('verification-summary').textContent = 'not verified yet';
    body.replaceChildren();
    return;
  }
  const passed = checks.filter(c => c.passed).length;
  $('verification-summary').textContent = `${passed} of ${checks.length} checks passed`;
  body.replaceChildren(...checks.map(c => row([
    element('td', c.passed ? 'PASS' : 'FAIL', c.passed ? 'pass' : 'fail'),
    element('td', c.name, 'mono'),
    c.detail || '',
  ])));
}

async function loadAudit(id) {
  try {
    const audit = await getJson(migrationPath(id) + '/audit');
    if (state.id !== id) return;
    $('audit').tBodies[0].replaceChildren(...(audit.entries || []).map(entry => {
      const what = element('td', entry.detail || '');
      if (entry.sql) what.appendChild(element('pre', entry.sql));
      return row([when(entry.occurredAt), entry.actor, element('td', entry.action, 'mono'), entry.outcome, what]);
    }));
  } catch (e) {
    showError(e.message);
  }
}

function selectFromHash() {
  const id = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null;
  if (id !== state.id) select(id);
}

window.addEventListener('hashchange', selectFromHash);
selectFromHash();
loadList();
setInterval(loadList, LIST_INTERVAL_MS);
