/*
 * Decision replay: the process owners' what-if page, a Cockpit plugin served from the application's jar
 * (api/cockpit/plugin/decision-replay/static/app/plugin.js). Plain JavaScript, no build.
 *
 * A process owner picks the edited DMN file (as saved by Camunda Modeler), a period and optionally a product
 * or organisation; the plugin API replays the history of that decision against the file and stores the
 * result, which the page shows as a from→to matrix, a bar chart, the changed cases and a CSV export.
 * Auditors read stored replays; the API refuses everyone else.
 */

const PLUGIN_ID = 'decision-replay';
const ROUTE = '#/decision-replay';
const PAGE_SIZE = 50;

function apiBase() {
  const base = document.querySelector('base');
  const cockpitApi = (base && base.getAttribute('cockpit-api')) || '/camunda/api/cockpit/';
  const match = window.location.pathname.match(/\/app\/cockpit\/([^/]+)\//);
  const engine = match ? match[1] : 'default';
  return `${cockpitApi.replace(/\/$/, '')}/plugin/${PLUGIN_ID}/${encodeURIComponent(engine)}`;
}

function csrfToken() {
  const cookie = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : null;
}

async function call(path, options = {}) {
  const headers = Object.assign({Accept: 'application/json'}, options.headers || {});
  if (options.method && options.method !== 'GET') {
    const token = csrfToken();
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
  }
  const response = await fetch(apiBase() + path, Object.assign({credentials: 'same-origin'}, options, {headers}));
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
    error.title = body && body.title;
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

function problemMessage(e) {
  if (e.status === 403) {
    return `Not allowed: ${e.message}`;
  }
  return e.title ? `${e.title}: ${e.message}` : e.message;
}

function percent(share) {
  return `${(share * 100).toFixed(1)} %`;
}

function currentReplayId() {
  const match = window.location.hash.match(/#\/decision-replay\/([^/?]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** The decision tables of the chosen file, read in the browser so the owner can pick one of several. */
function decisionTables(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return Array.from(doc.getElementsByTagNameNS('*', 'decision'))
    .filter(d => d.getElementsByTagNameNS('*', 'decisionTable').length > 0)
    .map(d => ({id: d.getAttribute('id'), name: d.getAttribute('name') || d.getAttribute('id')}));
}

function quarterAgo() {
  const to = new Date();
  const from = new Date(to.getTime() - 91 * 24 * 3600 * 1000);
  return [from.toISOString().substring(0, 10), to.toISOString().substring(0, 10)];
}

/* ------------------------------------------------------------------ page */

function renderPage(node) {
  const [defaultFrom, defaultTo] = quarterAgo();
  node.innerHTML = `
    <div class="decision-replay">
      <h1 class="dr-title">Decision replay</h1>
      <p class="dr-muted">What if the edited table had been deployed? Replays the decisions of a period against
        an edited DMN file. Nothing is deployed and no case changes.</p>
      <form class="dr-form" id="decision-replay-form" hidden>
        <label>Edited DMN file <input type="file" id="decision-replay-file" accept=".dmn,.xml"></label>
        <label>Decision <select id="decision-replay-decision"></select></label>
        <label>From <input type="date" id="decision-replay-from" value="${defaultFrom}"></label>
        <label>To <input type="date" id="decision-replay-to" value="${defaultTo}"></label>
        <label>Product <input type="text" id="decision-replay-product" placeholder="any"></label>
        <label>Organisation <input type="text" id="decision-replay-organisation" placeholder="any"></label>
        <button type="submit" class="btn btn-primary" id="decision-replay-run">Replay</button>
      </form>
      <p class="dr-muted" id="decision-replay-readonly" hidden>You may read stored replays; process owners run them.</p>
      <div id="decision-replay-message"></div>
      <div id="decision-replay-result"></div>
      <h2>Earlier replays</h2>
      <div id="decision-replay-latest" class="dr-muted">…</div>
    </div>`;
  const message = node.querySelector('#decision-replay-message');
  const form = node.querySelector('#decision-replay-form');
  const fileInput = node.querySelector('#decision-replay-file');
  const decision = node.querySelector('#decision-replay-decision');
  let xml = null;
  let fileName = null;

  call('/options').then(options => {
    form.hidden = !options.mayRun;
    node.querySelector('#decision-replay-readonly').hidden = options.mayRun;
    loadLatest(node);
    const id = currentReplayId();
    if (id) {
      showReplay(node, id);
    }
  }).catch(e => {
    message.innerHTML = `<p class="dr-error" id="decision-replay-error">${esc(problemMessage(e))}</p>`;
    node.querySelector('#decision-replay-latest').textContent = '';
  });

  fileInput.addEventListener('change', () => {
    const file = fileInput.files[0];
    if (!file) {
      return;
    }
    fileName = file.name;
    file.text().then(text => {
      xml = text;
      const tables = decisionTables(text);
      decision.innerHTML = tables.map(t => `<option value="${esc(t.id)}">${esc(t.name)} (${esc(t.id)})</option>`).join('');
    });
  });

  form.addEventListener('submit', event => {
    event.preventDefault();
    if (!xml) {
      message.innerHTML = '<p class="dr-error" id="decision-replay-error">Choose the edited DMN file first.</p>';
      return;
    }
    const query = new URLSearchParams({
      from: node.querySelector('#decision-replay-from').value,
      to: node.querySelector('#decision-replay-to').value,
      fileName: fileName || ''
    });
    [['decisionKey', decision.value], ['product', node.querySelector('#decision-replay-product').value],
      ['organisation', node.querySelector('#decision-replay-organisation').value]]
      .filter(([, value]) => value && value.trim()).forEach(([key, value]) => query.set(key, value.trim()));
    message.innerHTML = '<p class="dr-muted" id="decision-replay-running">Replaying…</p>';
    call(`/replays?${query}`, {method: 'POST', headers: {'Content-Type': 'application/xml'}, body: xml})
      .then(summary => {
        message.innerHTML = '';
        renderSummary(node, summary);
        loadLatest(node);
      })
      .catch(e => {
        message.innerHTML = `<p class="dr-error" id="decision-replay-error">${esc(problemMessage(e))}</p>`;
      });
  });
}

function loadLatest(node) {
  const target = node.querySelector('#decision-replay-latest');
  call('/replays?maxResults=20').then(replays => {
    if (!replays.length) {
      target.textContent = 'None yet.';
      return;
    }
    target.innerHTML = `<table class="table table-condensed dr-latest"><thead><tr><th>When</th><th>Decision</th>
      <th>Period</th><th>By</th><th>Changed</th><th></th></tr></thead><tbody>${replays.map(r => `<tr>
      <td>${esc(new Date(r.requestedAt).toLocaleString())}</td><td>${esc(r.decisionKey)}</td>
      <td>${esc(r.from.substring(0, 10))} – ${esc(r.to.substring(0, 10))}</td><td>${esc(r.requestedBy)}</td>
      <td>${esc(r.changed)} of ${esc(r.decisions)}</td>
      <td><a href="#" data-replay="${esc(r.id)}">Show</a></td></tr>`).join('')}</tbody></table>`;
    target.querySelectorAll('a[data-replay]').forEach(link => link.addEventListener('click', event => {
      event.preventDefault();
      showReplay(node, link.getAttribute('data-replay'));
    }));
  }).catch(() => {
    target.textContent = '';
  });
}

function showReplay(node, id) {
  call(`/replays/${encodeURIComponent(id)}`).then(summary => renderSummary(node, summary)).catch(e => {
    node.querySelector('#decision-replay-message').innerHTML =
      `<p class="dr-error" id="decision-replay-error">${esc(problemMessage(e))}</p>`;
  });
}

function renderSummary(node, s) {
  const result = node.querySelector('#decision-replay-result');
  const olds = Object.keys(s.matrix);
  const news = Array.from(new Set(olds.flatMap(o => Object.keys(s.matrix[o])))).sort();
  const matrix = olds.length ? `<table class="table table-condensed dr-matrix" id="decision-replay-matrix">
      <thead><tr><th>before ↓ / after →</th>${news.map(n => `<th>${esc(n)}</th>`).join('')}</tr></thead>
      <tbody>${olds.map(o => `<tr><th>${esc(o)}</th>${news.map(n => {
        const count = s.matrix[o][n] || 0;
        const cls = count && o !== n ? 'dr-moved' : '';
        return `<td class="${cls}" data-from="${esc(o)}" data-to="${esc(n)}">${count || ''}</td>`;
      }).join('')}</tr>`).join('')}</tbody></table>` : '<p class="dr-muted">No decision was replayed.</p>';
  const moves = [];
  olds.forEach(o => Object.keys(s.matrix[o]).forEach(n => {
    if (o !== n) {
      moves.push({label: `${o} → ${n}`, count: s.matrix[o][n]});
    }
  }));
  const max = Math.max(1, ...moves.map(m => m.count));
  const chart = moves.length ? `<svg class="dr-chart" id="decision-replay-chart" width="420" height="${moves.length * 24 + 4}"
      role="img" aria-label="Changed decisions by move">${moves.map((m, i) => `
      <text x="0" y="${i * 24 + 16}">${esc(m.label)}</text>
      <rect x="120" y="${i * 24 + 4}" height="16" width="${Math.round(250 * m.count / max)}"></rect>
      <text x="${126 + Math.round(250 * m.count / max)}" y="${i * 24 + 16}">${m.count}</text>`).join('')}</svg>` : '';
  const missing = Object.keys(s.missingInputs || {});
  const missingText = missing.length ? `<p class="dr-warning" id="decision-replay-missing">Not replayed, the history
      lacks an input the edited table reads: ${missing.map(m => `${esc(m)} in ${s.missingInputs[m]} decisions`)
      .join(', ')}. These decisions are listed with status MISSING_INPUT; nothing was guessed.</p>` : '';
  const sla = s.sla ? `<h2>SLA ${esc(s.sla.target)} under the new targets</h2>
      <p id="decision-replay-sla">Of ${s.sla.clocks} clocks started in the period, ${s.sla.replayed} were met and are
      judged again (${s.sla.stillOpen} not met yet are not): breached before ${s.sla.breachedBefore}, after
      ${s.sla.breachedAfter}; <strong>${s.sla.wouldBreachCount}</strong> would have breached,
      <strong>${s.sla.wouldMeetCount}</strong> would have met.</p>
      ${slaTable('Would have breached', s.sla.wouldBreach)}${slaTable('Would have met', s.sla.wouldMeet)}` : '';
  result.innerHTML = `
    <h2>${esc(s.decisionName || s.decisionKey)} <span class="dr-muted">${esc(s.fileName || '')}</span></h2>
    <p class="dr-muted">Replay ${esc(s.id)} by ${esc(s.requestedBy)}, ${esc(s.from)} – ${esc(s.to)}
      ${s.product ? `, product ${esc(s.product)}` : ''}${s.organisationId ? `, organisation ${esc(s.organisationId)}` : ''}</p>
    <p class="dr-facts"><span id="decision-replay-changed">${s.changed} of ${s.replayed} changed (${percent(s.changedShare)})</span>;
      ${s.decisions} decisions in the period, ${s.missingInput} missing an input, ${s.failed} failed,
      ${s.rulesChanged} with the same output from other rules.
      <a id="decision-replay-export" href="${apiBase()}/replays/${encodeURIComponent(s.id)}/export" download>Export CSV</a></p>
    ${missingText}
    <div class="dr-side">${matrix}${chart}</div>
    <h2>Changed cases</h2>
    <div id="decision-replay-cases"></div>`;
  loadCases(node, s.id, 0);
}

function slaTable(title, cases) {
  if (!cases || !cases.length) {
    return '';
  }
  return `<h3>${esc(title)}</h3><table class="table table-condensed"><thead><tr><th>Case</th><th>Priority</th>
    <th>Severity</th><th>Business hours taken</th><th>Target before</th><th>Target after</th></tr></thead><tbody>
    ${cases.map(c => `<tr><td>${esc(c.caseReference)}</td><td>${esc(c.priority)}</td><td>${esc(c.severity)}</td>
    <td>${(c.elapsedBusinessSeconds / 3600).toFixed(1)}</td><td>${esc(c.oldTarget)}</td><td>${esc(c.newTarget)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function loadCases(node, id, first) {
  const target = node.querySelector('#decision-replay-cases');
  call(`/replays/${encodeURIComponent(id)}/cases?changedOnly=true&firstResult=${first}&maxResults=${PAGE_SIZE}`)
    .then(page => {
      if (!page.count) {
        target.innerHTML = '<p class="dr-muted">No case would change.</p>';
        return;
      }
      target.innerHTML = `<table class="table table-condensed dr-cases" id="decision-replay-case-table"><thead><tr>
        <th>Case</th><th>Decided</th><th>Before</th><th>After</th><th>Rules before</th><th>Rules after</th></tr></thead>
        <tbody>${page.items.map(c => `<tr><td>${esc(c.caseReference || c.decisionInstanceId)}</td>
        <td>${esc(new Date(c.evaluatedAt).toLocaleString())}</td><td>${esc(c.oldOutput)}</td><td>${esc(c.newOutput)}</td>
        <td>${esc(c.oldRules.join(', '))}</td><td>${esc(c.newRules.join(', '))}</td></tr>`).join('')}</tbody></table>
        <div class="dr-pager"><button class="btn btn-default" data-page="prev" ${first === 0 ? 'disabled' : ''}>Previous</button>
        <span>${first + 1}–${first + page.items.length} of ${page.count}</span>
        <button class="btn btn-default" data-page="next" ${first + PAGE_SIZE >= page.count ? 'disabled' : ''}>Next</button></div>`;
      target.querySelector('[data-page=prev]').addEventListener('click', () => loadCases(node, id, Math.max(0, first - PAGE_SIZE)));
      target.querySelector('[data-page=next]').addEventListener('click', () => loadCases(node, id, first + PAGE_SIZE));
    })
    .catch(e => {
      target.innerHTML = `<p class="dr-error">${esc(problemMessage(e))}</p>`;
    });
}

/* ------------------------------------------------------------------ plugins */

export default [
  {
    id: 'decision-replay-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 4,
    label: 'Decision replay',
    pagePath: ROUTE,
    checkActive: url => url.indexOf(ROUTE) > -1,
    render: node => {
      node.innerHTML = `<a href="${ROUTE}" id="decision-replay-navigation">Decision replay</a>`;
      // shown only to those the API lets in: process owners, auditors, administrators
      call('/options').catch(() => {
        const item = node.closest('li') || node;
        item.style.display = 'none';
      });
    }
  },
  {
    id: 'decision-replay-page',
    pluginPoint: 'cockpit.route',
    properties: {path: '/decision-replay'},
    render: node => renderPage(node)
  },
  {
    id: 'decision-replay-result',
    pluginPoint: 'cockpit.route',
    properties: {path: '/decision-replay/:id'},
    render: node => renderPage(node)
  }
];
