/*
 * Case files: a tab beside each task's form in Tasklist listing the files the customer attached to the
 * task's case, each a download link. Plain JavaScript, no build: Tasklist imports this module from
 * api/tasklist/plugin/case-files/static/app/plugin.js and renders the tab into its task detail.
 *
 * The API (api/tasklist/plugin/case-files/{engine}/tasks/{taskId}/attachments) answers only agents of
 * the tiers that talk with the customer; others see why in the tab. File names are customers' words:
 * they are set as text, never as markup.
 */

const PLUGIN_ID = 'case-files';

function apiBase() {
  const base = document.querySelector('base');
  const tasklistApi = (base && base.getAttribute('tasklist-api')) || '/camunda/api/tasklist/';
  const match = window.location.pathname.match(/\/app\/tasklist\/([^/]+)\//);
  const engine = match ? match[1] : 'default';
  return `${tasklistApi.replace(/\/$/, '')}/plugin/${PLUGIN_ID}/${encodeURIComponent(engine)}`;
}

function size(bytes) {
  if (bytes < 1024) {
    return `${bytes} bytes`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
  return td;
}

function render(node, taskId) {
  node.textContent = '';
  const section = document.createElement('section');
  section.className = 'case-files';
  const status = document.createElement('p');
  status.className = 'case-files-status';
  status.textContent = 'Loading the case\u2019s files\u2026';
  section.appendChild(status);
  node.appendChild(section);
  if (!taskId) {
    status.textContent = 'Select a task to see its case\u2019s files.';
    return;
  }
  const tasks = `${apiBase()}/tasks/${encodeURIComponent(taskId)}/attachments`;
  fetch(tasks, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(response => response.json().then(body => ({ok: response.ok, body})))
    .then(({ok, body}) => {
      if (!ok) {
        status.textContent = (body && body.detail) || 'The case\u2019s files cannot be shown.';
        return;
      }
      const files = body.attachments || [];
      if (files.length === 0) {
        status.textContent = `The customer attached no file to case ${body.reference}.`;
        return;
      }
      status.textContent = `Files the customer attached to case ${body.reference} (downloads, never opened in the browser):`;
      const table = document.createElement('table');
      table.className = 'table table-condensed case-files-table';
      const head = table.createTHead().insertRow();
      ['File', 'Type', 'Size', 'From', 'Attached', 'SHA-256'].forEach(label => {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = label;
        head.appendChild(th);
      });
      const rows = table.createTBody();
      files.forEach(file => {
        const row = rows.insertRow();
        const link = document.createElement('a');
        link.href = `${tasks}/${encodeURIComponent(file.id)}`;
        link.setAttribute('download', '');
        link.rel = 'noopener';
        link.className = 'case-file-download';
        link.textContent = file.fileName;
        cell(row, '').appendChild(link);
        cell(row, file.contentType);
        cell(row, size(file.size));
        cell(row, file.uploadedBy);
        cell(row, new Date(file.uploadedAt).toLocaleString());
        cell(row, file.sha256.substring(0, 12)).title = file.sha256;
      });
      section.appendChild(table);
    })
    .catch(() => {
      status.textContent = 'The case\u2019s files cannot be loaded: try again.';
    });
}

export default [
  {
    id: 'case-files-tab',
    pluginPoint: 'tasklist.task.detail',
    priority: 150,
    label: 'Case files',
    render: (node, {taskId}) => render(node, taskId)
  }
];
