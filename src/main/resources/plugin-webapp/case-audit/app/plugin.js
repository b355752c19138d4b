/*
 * Case audit: the auditors' view of every case's history, a Cockpit plugin served from the
 * application's jar (api/cockpit/plugin/case-audit/static/app/plugin.js). Plain JavaScript, no build:
 * Cockpit imports this module and renders each plugin below into its plugin point.
 *
 * Data comes from the plugin's read-only API (api/cockpit/plugin/case-audit/{engine}/...), which
 * only auditors and administrators may call.
 */

const PLUGIN_ID = 'case-audit';
const ROUTE = '#/case-audit';
const PAGE_SIZES = [25, 50, 100, 250];
const STORAGE_KEY = 'case-audit-search';
const KIND_LABELS = {
  ACTIVITY: 'Activity',
  DECISION: 'Decision',
  VARIABLE: 'Variable',
  COMMENT: 'Comment',
  CUSTOMER_MESSAGE: 'Customer message',
  INCIDENT: 'Incident',
  SLA: 'SLA',
  NOTIFICATION: 'Notification',
  STATUS: 'Status'
};

function apiBase() {
  const base = document.querySelector('base');
  const cockpitApi = (base && base.getAttribute('cockpit-api')) || '/camunda/api/cockpit/';
  const match = window.location.pathname.match(/\/app\/cockpit\/([^/]+)\//);
  const engine = match ? match[1] : 'default';
  return `${cockpitApi.replace(/\/$/, '')}/plugin/${PLUGIN_ID}/${encodeURIComponent(engine)}`;
}

async function getJson(path) {
  const response = await fetch(apiBase() + path, {
    credentials: 'same-origin',
    headers: {Accept: 'application/json'}
  });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = {detail: text};
  }
  if (!response.ok) {
    const error = new Error((body && (body.detail || body.message)) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

function esc(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function when(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return `<time datetime="${esc(iso)}" title="${esc(iso)}">${esc(date.toLocaleString())}</time>`;
}

function duration(ms) {
  if (ms === null || ms === undefined) {
    return '';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const seconds = Math.round(ms / 1000);
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [];
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m && !d) parts.push(`${m} min`);
  if (s && !d && !h) parts.push(`${s} s`);
  return parts.join(' ');
}

function stateBadge(state) {
  const css = {
    ACTIVE: 'ca-badge-running',
    SUSPENDED: 'ca-badge-warning',
    COMPLETED: 'ca-badge-done',
    EXTERNALLY_TERMINATED: 'ca-badge-danger',
    INTERNALLY_TERMINATED: 'ca-badge-danger'
  }[state] || '';
  return state ? `<span class="ca-badge ${css}">${esc(state)}</span>` : '';
}

function slaBadge(outcome) {
  if (!outcome) {
    return '<span class="ca-muted">none recorded</span>';
  }
  const css = outcome === 'BREACHED' ? 'ca-badge-danger' : outcome === 'MET' ? 'ca-badge-done' : 'ca-badge-running';
  return `<span class="ca-badge ${css} ca-sla-outcome">${esc(outcome)}</span>`;
}

function problemMessage(error) {
  if (error.status === 403) {
    return 'The case audit view is for auditors. Ask an administrator to add you to the group "auditors".';
  }
  if (error.status === 401) {
    return 'Your session has ended. Log in again.';
  }
  return error.message || 'The request failed.';
}

function currentReference() {
  const match = window.location.hash.match(/^#\/case-audit\/([^?]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/* ------------------------------------------------------------------ search */

function loadCriteria() {
  try {
    return JSON.parse(window.sessionStorage.getItem(STORAGE_KEY)) || {};
  } catch (e) {
    return {};
  }
}

function saveCriteria(criteria) {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(criteria));
  } catch (e) {
    // private mode: the search just is not remembered
  }
}

function localDayToInstant(day, endOfDay) {
  if (!day) {
    return '';
  }
  const [y, m, d] = day.split('-').map(Number);
  const date = endOfDay ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return date.toISOString();
}

function queryString(criteria, extra) {
  const params = new URLSearchParams();
  const text = ['reference', 'organisation', 'state', 'priority', 'severity', 'slaOutcome', 'sortBy', 'sortOrder'];
  text.forEach(name => {
    if (criteria[name]) params.set(name, criteria[name]);
  });
  if (criteria.startedFrom) params.set('startedFrom', localDayToInstant(criteria.startedFrom, false));
  if (criteria.startedTo) params.set('startedTo', localDayToInstant(criteria.startedTo, true));
  if (criteria.endedFrom) params.set('endedFrom', localDayToInstant(criteria.endedFrom, false));
  if (criteria.endedTo) params.set('endedTo', localDayToInstant(criteria.endedTo, true));
  Object.keys(extra || {}).forEach(name => params.set(name, extra[name]));
  return params.toString();
}

function option(value, label, selected) {
  return `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(label)}</option>`;
}

function renderSearch(node) {
  const criteria = Object.assign({sortBy: 'STARTED', sortOrder: 'desc', pageSize: 25, firstResult: 0}, loadCriteria());
  node.innerHTML = `
    <section class="case-audit">
      <h1 class="ca-title">Case audit</h1>
      <p class="ca-muted">Every case, running or finished, from the process history. Read-only.</p>
      <div class="ca-error" hidden></div>
      <form class="ca-search" autocomplete="off">
        <label>Reference <input id="case-audit-reference" name="reference" placeholder="CASE-2026-" value="${esc(criteria.reference)}"></label>
        <label>Organisation <input id="case-audit-organisation" name="organisation" value="${esc(criteria.organisation)}"></label>
        <label>State <select id="case-audit-state" name="state"></select></label>
        <label>Priority <input id="case-audit-priority" name="priority" value="${esc(criteria.priority)}"></label>
        <label>Severity <input id="case-audit-severity" name="severity" value="${esc(criteria.severity)}"></label>
        <label>SLA outcome <select id="case-audit-sla" name="slaOutcome"></select></label>
        <label>Started from <input type="date" id="case-audit-started-from" name="startedFrom" value="${esc(criteria.startedFrom)}"></label>
        <label>to <input type="date" id="case-audit-started-to" name="startedTo" value="${esc(criteria.startedTo)}"></label>
        <label>Ended from <input type="date" id="case-audit-ended-from" name="endedFrom" value="${esc(criteria.endedFrom)}"></label>
        <label>to <input type="date" id="case-audit-ended-to" name="endedTo" value="${esc(criteria.endedTo)}"></label>
        <label>Sort by <select id="case-audit-sort" name="sortBy">
          ${option('STARTED', 'Started', criteria.sortBy)}${option('ENDED', 'Ended', criteria.sortBy)}
          ${option('REFERENCE', 'Reference', criteria.sortBy)}${option('DURATION', 'Duration', criteria.sortBy)}
        </select></label>
        <label>Order <select id="case-audit-order" name="sortOrder">
          ${option('desc', 'Descending', criteria.sortOrder)}${option('asc', 'Ascending', criteria.sortOrder)}
        </select></label>
        <div class="ca-actions">
          <button type="submit" class="btn btn-primary" id="case-audit-search">Search</button>
          <button type="button" class="btn btn-default" id="case-audit-clear">Clear</button>
        </div>
      </form>
      <div class="ca-result-bar">
        <span class="ca-count" id="case-audit-count"></span>
        <span class="ca-exports">Export result:
          <a class="ca-export" id="case-audit-export-csv" download>CSV</a> ·
          <a class="ca-export" id="case-audit-export-json" download>JSON</a>
        </span>
      </div>
      <table class="table table-condensed ca-results">
        <thead><tr>
          <th>Reference</th><th>Summary</th><th>State</th><th>Customer status</th><th>Organisation</th>
          <th>Priority</th><th>Severity</th><th>SLA</th><th>Started</th><th>Ended</th><th>Duration</th>
        </tr></thead>
        <tbody></tbody>
      </table>
      <div class="ca-pager">
        <button type="button" class="btn btn-default btn-sm" id="case-audit-previous">Previous</button>
        <span id="case-audit-page"></span>
        <button type="button" class="btn btn-default btn-sm" id="case-audit-next">Next</button>
        <label>Page size <select id="case-audit-page-size">${PAGE_SIZES.map(size => option(String(size), String(size), String(criteria.pageSize))).join('')}</select></label>
      </div>
    </section>`;

  const form = node.querySelector('form');
  const error = node.querySelector('.ca-error');
  const showError = e => {
    error.hidden = false;
    error.textContent = problemMessage(e);
  };

  getJson('/options').then(options => {
    node.querySelector('#case-audit-state').innerHTML =
      option('', 'any', criteria.state) + options.states.map(s => option(s, s.toLowerCase().replace(/_/g, ' '), criteria.state)).join('');
    const sla = node.querySelector('#case-audit-sla');
    sla.innerHTML = option('', options.slaOutcomes.length ? 'any' : 'no SLA data', criteria.slaOutcome)
      + options.slaOutcomes.map(o => option(o, o, criteria.slaOutcome)).join('');
    sla.disabled = options.slaOutcomes.length === 0;
  }).catch(showError);

  function readForm() {
    const data = new FormData(form);
    const read = {};
    data.forEach((value, name) => {
      read[name] = String(value).trim();
    });
    read.pageSize = Number(node.querySelector('#case-audit-page-size').value);
    return read;
  }

  function run() {
    saveCriteria(criteria);
    error.hidden = true;
    const csv = apiBase() + '/cases/export?' + queryString(criteria, {format: 'csv'});
    const json = apiBase() + '/cases/export?' + queryString(criteria, {format: 'json'});
    node.querySelector('#case-audit-export-csv').href = csv;
    node.querySelector('#case-audit-export-json').href = json;
    const tbody = node.querySelector('tbody');
    tbody.innerHTML = '<tr><td colspan="11" class="ca-muted">Searching…</td></tr>';
    getJson('/cases?' + queryString(criteria, {firstResult: criteria.firstResult, maxResults: criteria.pageSize}))
      .then(page => {
        node.querySelector('#case-audit-count').textContent = `${page.count} ${page.count === 1 ? 'case' : 'cases'}`;
        const last = Math.min(page.count, page.firstResult + page.items.length);
        node.querySelector('#case-audit-page').textContent =
          page.count ? `${page.firstResult + 1}–${last} of ${page.count}` : '';
        node.querySelector('#case-audit-previous').disabled = page.firstResult === 0;
        node.querySelector('#case-audit-next').disabled = last >= page.count;
        tbody.innerHTML = page.items.length ? page.items.map(row => `
          <tr class="ca-case-row" data-reference="${esc(row.reference)}">
            <td><a class="ca-case-link" href="${ROUTE}/${encodeURIComponent(row.reference || '')}">${esc(row.reference || row.processInstanceId)}</a></td>
            <td>${esc(row.summary)}</td>
            <td>${stateBadge(row.state)}</td>
            <td>${esc(row.caseStatus)}</td>
            <td>${esc(row.organisationId)}</td>
            <td>${esc(row.priority)}</td>
            <td>${esc(row.severity)}</td>
            <td>${row.slaOutcome ? slaBadge(row.slaOutcome) : ''}</td>
            <td>${when(row.startTime)}</td>
            <td>${when(row.endTime)}</td>
            <td>${duration(row.durationMillis)}</td>
          </tr>`).join('') : '<tr><td colspan="11" class="ca-muted">No case matches.</td></tr>';
      })
      .catch(e => {
        tbody.innerHTML = '';
        showError(e);
      });
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    Object.assign(criteria, readForm(), {firstResult: 0});
    run();
  });
  node.querySelector('#case-audit-clear').addEventListener('click', () => {
    saveCriteria({});
    renderSearch(node);
  });
  node.querySelector('#case-audit-previous').addEventListener('click', () => {
    criteria.firstResult = Math.max(0, criteria.firstResult - criteria.pageSize);
    run();
  });
  node.querySelector('#case-audit-next').addEventListener('click', () => {
    criteria.firstResult += criteria.pageSize;
    run();
  });
  node.querySelector('#case-audit-page-size').addEventListener('change', () => {
    criteria.pageSize = Number(node.querySelector('#case-audit-page-size').value);
    criteria.firstResult = 0;
    run();
  });
  run();
}

/* ------------------------------------------------------------------ diagram */

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const BPMNDI = 'http://www.omg.org/spec/BPMN/20100524/DI';
const DC = 'http://www.omg.org/spec/DD/20100524/DC';
const DI = 'http://www.omg.org/spec/DD/20100524/DI';

function bounds(element) {
  const b = element.getElementsByTagNameNS(DC, 'Bounds')[0];
  return b ? {
    x: Number(b.getAttribute('x')),
    y: Number(b.getAttribute('y')),
    w: Number(b.getAttribute('width')),
    h: Number(b.getAttribute('height'))
  } : null;
}

function wrap(text, maxChars) {
  const words = String(text || '').split(/\s+/).filter(Boolean);
  const lines = [];
  let line = '';
  words.forEach(word => {
    if ((line + ' ' + word).trim().length > maxChars && line) {
      lines.push(line);
      line = word;
    } else {
      line = (line + ' ' + word).trim();
    }
  });
  if (line) lines.push(line);
  return lines;
}

function textLines(lines, cx, cy, css) {
  const height = 13;
  const top = cy - ((lines.length - 1) * height) / 2;
  return lines.map((line, i) =>
    `<text class="${css}" x="${cx}" y="${top + i * height}" text-anchor="middle" dominant-baseline="middle">${esc(line)}</text>`).join('');
}

/** Draws the diagram from its DI, the visited elements and taken flows marked; no external viewer needed. */
function renderDiagram(path) {
  const xml = new DOMParser().parseFromString(path.bpmnXml, 'application/xml');
  const semantic = {};
  Array.from(xml.getElementsByTagNameNS(BPMN, '*')).forEach(element => {
    const id = element.getAttribute('id');
    if (id) semantic[id] = element;
  });
  const visited = path.visited || {};
  const active = new Set(path.active || []);
  const taken = new Set(path.takenFlows || []);
  const shapes = [];
  const labels = [];
  const edges = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const extend = (x, y, w, h) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + (w || 0));
    maxY = Math.max(maxY, y + (h || 0));
  };

  Array.from(xml.getElementsByTagNameNS(BPMNDI, 'BPMNShape')).forEach(shape => {
    const id = shape.getAttribute('bpmnElement');
    const element = semantic[id];
    const b = bounds(shape);
    if (!element || !b) return;
    extend(b.x, b.y, b.w, b.h);
    const type = element.localName;
    const name = element.getAttribute('name') || '';
    const state = active.has(id) ? 'ca-active' : visited[id] ? 'ca-visited' : 'ca-unvisited';
    const count = visited[id] > 1 ? `<text class="ca-count-badge" x="${b.x + b.w - 2}" y="${b.y + 10}" text-anchor="end">×${visited[id]}</text>` : '';
    const title = `<title>${esc(name || id)}${visited[id] ? ` — visited ${visited[id]}×` : ' — not visited'}</title>`;
    const labelBox = shape.getElementsByTagNameNS(BPMNDI, 'BPMNLabel')[0];
    const lb = labelBox ? bounds(labelBox) : null;
    if (/Event$/.test(type)) {
      const r = b.w / 2;
      const dashed = type === 'boundaryEvent' && element.getAttribute('cancelActivity') === 'false' ? ' stroke-dasharray="4 3"' : '';
      const end = type === 'endEvent' ? ' ca-end' : '';
      shapes.push(`<g class="ca-shape ${state}${end}" data-element-id="${esc(id)}">${title}<circle cx="${b.x + r}" cy="${b.y + r}" r="${r}"${dashed}/>${count}</g>`);
      if (name) {
        const lx = lb ? lb.x + lb.w / 2 : b.x + r;
        const ly = lb ? lb.y + lb.h / 2 : b.y + b.h + 12;
        labels.push(textLines(wrap(name, 18), lx, ly, 'ca-label'));
        if (lb) extend(lb.x, lb.y, lb.w, lb.h);
      }
    } else if (/Gateway$/.test(type)) {
      const cx = b.x + b.w / 2;
      const cy = b.y + b.h / 2;
      const marker = type === 'parallelGateway' ? '+' : type === 'exclusiveGateway' ? '×' : type === 'inclusiveGateway' ? '○' : '';
      shapes.push(`<g class="ca-shape ${state}" data-element-id="${esc(id)}">${title}<polygon points="${cx},${b.y} ${b.x + b.w},${cy} ${cx},${b.y + b.h} ${b.x},${cy}"/>`
        + `<text class="ca-marker" x="${cx}" y="${cy + 1}" text-anchor="middle" dominant-baseline="middle">${marker}</text>${count}</g>`);
      if (name) {
        const lx = lb ? lb.x + lb.w / 2 : cx;
        const ly = lb ? lb.y + lb.h / 2 : b.y + b.h + 12;
        labels.push(textLines(wrap(name, 18), lx, ly, 'ca-label'));
        if (lb) extend(lb.x, lb.y, lb.w, lb.h);
      }
    } else if (type === 'participant' || type === 'lane') {
      shapes.unshift(`<g class="ca-pool"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}"/></g>`);
    } else if (type === 'textAnnotation' || type === 'dataObjectReference' || type === 'dataStoreReference') {
      // not part of the path
    } else {
      const thick = type === 'callActivity' ? ' ca-call' : '';
      const expanded = type === 'subProcess' && shape.getAttribute('isExpanded') === 'true';
      shapes.push(`<g class="ca-shape ${state}${thick}" data-element-id="${esc(id)}">${title}<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="10" ry="10"${expanded ? ' fill-opacity="0.15"' : ''}/>${count}</g>`);
      if (expanded) {
        labels.push(`<text class="ca-label" x="${b.x + 8}" y="${b.y + 14}">${esc(name)}</text>`);
      } else {
        labels.push(textLines(wrap(name || id, 16), b.x + b.w / 2, b.y + b.h / 2, 'ca-label ca-task-label'));
      }
    }
  });

  Array.from(xml.getElementsByTagNameNS(BPMNDI, 'BPMNEdge')).forEach(edge => {
    const id = edge.getAttribute('bpmnElement');
    const element = semantic[id];
    if (!element || element.localName !== 'sequenceFlow') return;
    const points = Array.from(edge.getElementsByTagNameNS(DI, 'waypoint'))
      .map(p => [Number(p.getAttribute('x')), Number(p.getAttribute('y'))]);
    if (points.length < 2) return;
    points.forEach(([x, y]) => extend(x, y, 0, 0));
    const css = taken.has(id) ? 'ca-flow ca-taken' : 'ca-flow';
    const marker = taken.has(id) ? 'url(#ca-arrow-taken)' : 'url(#ca-arrow)';
    edges.push(`<polyline class="${css}" data-element-id="${esc(id)}" points="${points.map(p => p.join(',')).join(' ')}" marker-end="${marker}"><title>${esc(element.getAttribute('name') || id)}${taken.has(id) ? ' — taken' : ''}</title></polyline>`);
    const name = element.getAttribute('name');
    const lb = edge.getElementsByTagNameNS(BPMNDI, 'BPMNLabel')[0];
    if (name && lb && bounds(lb)) {
      const b = bounds(lb);
      labels.push(textLines([name], b.x + b.w / 2, b.y + b.h / 2, 'ca-label'));
    }
  });

  if (minX === Infinity) {
    return '<p class="ca-muted">This diagram has no layout information.</p>';
  }
  const pad = 20;
  const width = maxX - minX + 2 * pad;
  const height = maxY - minY + 2 * pad;
  return `<svg class="ca-diagram" viewBox="${minX - pad} ${minY - pad} ${width} ${height}" style="max-width:${Math.max(width, 300)}px" preserveAspectRatio="xMinYMin meet" role="img" aria-label="Diagram with the path taken">
    <defs>
      <marker id="ca-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#b0b0b0"/></marker>
      <marker id="ca-arrow-taken" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#2e7d32"/></marker>
    </defs>
    ${edges.join('')}${shapes.join('')}${labels.join('')}
  </svg>`;
}

/* ------------------------------------------------------------------ case view */

function detailsText(entry) {
  const d = entry.details || {};
  if (entry.kind === 'DECISION') {
    const io = obj => Object.keys(obj || {}).map(k => `${esc(k)} = <b>${esc(obj[k])}</b>`).join(', ');
    return `in: ${io(d.inputs)} → out: ${io(d.outputs)}`;
  }
  if (entry.kind === 'COMMENT' || entry.kind === 'CUSTOMER_MESSAGE') {
    return `<span class="ca-quote">${esc(d.text)}</span>`;
  }
  return Object.keys(d).filter(k => k !== 'taskId' && k !== 'calledProcessInstanceId')
    .map(k => `<span class="ca-kv"><span class="ca-k">${esc(k)}</span> ${esc(Array.isArray(d[k]) ? d[k].join(', ') : d[k])}</span>`).join(' ');
}

function renderCase(node, reference) {
  const base = `${apiBase()}/cases/${encodeURIComponent(reference)}`;
  node.innerHTML = `
    <section class="case-audit">
      <p><a href="${ROUTE}">← Case search</a></p>
      <h1 class="ca-title">Case <span id="case-audit-reference-title">${esc(reference)}</span></h1>
      <div class="ca-error" hidden></div>
      <div class="ca-case" hidden>
        <div class="ca-summary"></div>
        <p class="ca-exports">Export this case:
          <a class="ca-export" id="case-audit-export-case-json" href="${base}/export?format=json" download>JSON</a> ·
          <a class="ca-export" id="case-audit-export-case-csv" href="${base}/export?format=csv" download>CSV</a>
        </p>
        <h2>Path taken</h2>
        <p class="ca-legend"><span class="ca-swatch ca-visited"></span> visited <span class="ca-swatch ca-active"></span> active
          <span class="ca-line ca-taken"></span> flow taken <span class="ca-swatch ca-unvisited"></span> not reached</p>
        <div class="ca-diagrams"><p class="ca-muted">Loading diagrams…</p></div>
        <h2>Timeline</h2>
        <div class="ca-kinds"></div>
        <table class="table table-condensed ca-timeline">
          <thead><tr><th>When</th><th>Kind</th><th>What</th><th>Who</th><th>Duration</th><th>Process</th><th>Details</th></tr></thead>
          <tbody></tbody>
        </table>
        <h2>Decisions</h2>
        <table class="table table-condensed ca-decisions">
          <thead><tr><th>When</th><th>Decision</th><th>Activity</th><th>Inputs</th><th>Outputs</th></tr></thead>
          <tbody></tbody>
        </table>
        <h2>SLA</h2>
        <table class="table table-condensed ca-sla">
          <thead><tr><th>Target</th><th>Outcome</th><th>Started</th><th>Due</th><th>Warned</th><th>Breached</th><th>Met</th><th>Detail</th></tr></thead>
          <tbody></tbody>
        </table>
        <h2>User operation log</h2>
        <p class="ca-muted">Who changed what outside the normal flow: claims, completions, variable edits, retries, cancellations.</p>
        <table class="table table-condensed ca-operations">
          <thead><tr><th>When</th><th>User</th><th>Operation</th><th>Entity</th><th>Property</th><th>From</th><th>To</th><th>Category</th></tr></thead>
          <tbody></tbody>
        </table>
      </div>
    </section>`;
  const error = node.querySelector('.ca-error');
  const showError = e => {
    error.hidden = false;
    error.textContent = e.status === 404 ? `No case has the reference ${reference}.` : problemMessage(e);
  };

  getJson(`/cases/${encodeURIComponent(reference)}`).then(record => {
    node.querySelector('.ca-case').hidden = false;
    const s = record.summary;
    node.querySelector('.ca-summary').innerHTML = `
      <dl class="ca-facts">
        <div><dt>State</dt><dd>${stateBadge(s.state)}</dd></div>
        <div><dt>SLA outcome</dt><dd id="case-audit-sla-outcome">${slaBadge(s.slaOutcome)}</dd></div>
        <div><dt>Customer status</dt><dd>${esc(s.caseStatus)}</dd></div>
        <div><dt>Organisation</dt><dd>${esc(s.organisationId)}</dd></div>
        <div><dt>Priority</dt><dd>${esc(s.priority)}</dd></div>
        <div><dt>Severity</dt><dd>${esc(s.severity)}</dd></div>
        <div><dt>Started</dt><dd>${when(s.startTime)}</dd></div>
        <div><dt>Ended</dt><dd>${when(s.endTime)}</dd></div>
        <div><dt>Duration</dt><dd>${duration(s.durationMillis)}</dd></div>
        <div><dt>Process</dt><dd>${esc(s.processDefinitionKey)} v${esc(s.processDefinitionVersion)}</dd></div>
      </dl>
      ${s.summary ? `<p class="ca-case-summary">${esc(s.summary)}</p>` : ''}`;

    const kinds = Array.from(new Set(record.timeline.map(e => e.kind)));
    const shown = new Set(kinds);
    const kindBar = node.querySelector('.ca-kinds');
    kindBar.innerHTML = kinds.map(kind => `<label class="ca-kind-filter"><input type="checkbox" value="${esc(kind)}" checked> ${esc(KIND_LABELS[kind] || kind)} (${record.timeline.filter(e => e.kind === kind).length})</label>`).join(' ');
    const drawTimeline = () => {
      node.querySelector('.ca-timeline tbody').innerHTML = record.timeline.filter(e => shown.has(e.kind)).map(e => `
        <tr class="ca-entry ca-kind-${esc(e.kind.toLowerCase())}">
          <td>${when(e.at)}</td>
          <td><span class="ca-badge ca-kind-badge">${esc(KIND_LABELS[e.kind] || e.kind)}</span></td>
          <td>${esc(e.title)}</td>
          <td>${esc(e.who)}</td>
          <td>${duration(e.durationMillis)}</td>
          <td>${esc(e.processDefinitionKey)}</td>
          <td class="ca-details">${detailsText(e)}</td>
        </tr>`).join('');
    };
    kindBar.addEventListener('change', event => {
      if (event.target.checked) shown.add(event.target.value); else shown.delete(event.target.value);
      drawTimeline();
    });
    drawTimeline();

    const clauses = list => list.map(c => `${esc(c.variable || c.clause)} = <b>${esc(c.value)}</b>${c.ruleId ? ` <span class="ca-muted">(${esc(c.ruleId)})</span>` : ''}`).join('<br>');
    node.querySelector('.ca-decisions tbody').innerHTML = record.decisions.length ? record.decisions.map(d => `
      <tr><td>${when(d.evaluationTime)}</td><td>${esc(d.decisionDefinitionName || d.decisionDefinitionKey)}</td>
      <td>${esc(d.activityId)}</td><td>${clauses(d.inputs)}</td><td>${clauses(d.outputs)}</td></tr>`).join('')
      : '<tr><td colspan="5" class="ca-muted">No decision was evaluated.</td></tr>';

    node.querySelector('.ca-sla tbody').innerHTML = record.sla.length ? record.sla.map(r => `
      <tr><td>${esc(r.target)}</td><td>${slaBadge(r.outcome)}</td><td>${when(r.startedAt)}</td><td>${when(r.due)}</td>
      <td>${when(r.warnedAt)}</td><td>${when(r.breachedAt)}</td><td>${when(r.metAt)}</td><td>${esc(r.detail)}</td></tr>`).join('')
      : '<tr><td colspan="8" class="ca-muted">No SLA records for this case.</td></tr>';

    node.querySelector('.ca-operations tbody').innerHTML = record.operations.length ? record.operations.map(o => `
      <tr><td>${when(o.timestamp)}</td><td>${esc(o.userId)}</td><td>${esc(o.operationType)}</td><td>${esc(o.entityType)}</td>
      <td>${esc(o.property)}</td><td>${esc(o.orgValue)}</td><td>${esc(o.newValue)}</td><td>${esc(o.category)}</td></tr>`).join('')
      : '<tr><td colspan="8" class="ca-muted">No user operations.</td></tr>';
  }).catch(showError);

  getJson(`/cases/${encodeURIComponent(reference)}/path`).then(paths => {
    node.querySelector('.ca-diagrams').innerHTML = paths.map(p => `
      <figure class="ca-figure" data-process-instance-id="${esc(p.processInstanceId)}">
        <figcaption>${esc(p.processDefinitionName || p.processDefinitionKey)} <span class="ca-muted">${esc(p.processDefinitionId)}${p.superProcessInstanceId ? ' · called by the case' : ''}</span></figcaption>
        ${renderDiagram(p)}
      </figure>`).join('');
  }).catch(e => {
    node.querySelector('.ca-diagrams').innerHTML = `<p class="ca-error">${esc(problemMessage(e))}</p>`;
  });
}

/* ------------------------------------------------------------------ plugins */

export default [
  {
    id: 'case-audit-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    label: 'Case audit',
    pagePath: ROUTE,
    checkActive: url => url.indexOf(ROUTE) > -1,
    render: node => {
      node.innerHTML = `<a href="${ROUTE}" id="case-audit-navigation">Case audit</a>`;
      // members of other groups may use Cockpit too: show the entry to those who may use the view
      getJson('/options').catch(() => {
        const item = node.closest('li') || node;
        item.style.display = 'none';
      });
    }
  },
  {
    id: 'case-audit-dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 200,
    render: node => {
      node.innerHTML = `
        <section class="dashboard-row case-audit-tile" hidden>
          <h3 class="section-title">Case audit</h3>
          <div class="ca-tile">
            <a href="${ROUTE}" id="case-audit-dashboard-link" class="ca-tile-link">Open the case audit</a>
            <span class="ca-muted"><span id="case-audit-running">…</span> running and <span id="case-audit-finished">…</span> finished cases in the history</span>
          </div>
        </section>`;
      const tile = node.querySelector('.case-audit-tile');
      Promise.all([getJson('/cases?state=RUNNING&maxResults=0'), getJson('/cases?state=FINISHED&maxResults=0')])
        .then(([running, finished]) => {
          tile.hidden = false;
          node.querySelector('#case-audit-running').textContent = running.count;
          node.querySelector('#case-audit-finished').textContent = finished.count;
        })
        .catch(() => {
          // not an auditor: no tile
        });
    }
  },
  {
    id: 'case-audit-search',
    pluginPoint: 'cockpit.route',
    properties: {path: '/case-audit'},
    render: node => renderSearch(node)
  },
  {
    id: 'case-audit-case',
    pluginPoint: 'cockpit.route',
    properties: {path: '/case-audit/:reference'},
    render: node => renderCase(node, currentReference())
  }
];
