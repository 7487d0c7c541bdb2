// Tandem's web console: polls /api/status every second and draws the pair, the destinations and
// a chart of the last minutes. Plain browser JavaScript, no build step.
'use strict';

const POLL_MILLIS = 1000;
const $ = (id) => document.getElementById(id);
let lastActive = null;
let lastSelfRole = null;
let failingSince = null;

function show(id, visible) { $(id).hidden = !visible; }

function text(value) { return value === null || value === undefined ? '–' : String(value); }

function millis(ms) {
  if (ms === null || ms === undefined || ms < 0) return '–';
  return ms < 10000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
}

function count(n, what) { return n + ' ' + what + (n === 1 ? '' : 's'); }

function time(at) { return new Date(at).toLocaleTimeString(); }

function addEvent(message) {
  const li = document.createElement('li');
  li.textContent = time(Date.now()) + ' ' + message;
  $('events').prepend(li);
}

function card(element, title, role, rows, state) {
  element.className = 'server' + (state ? ' ' + state : '');
  element.replaceChildren();
  const h = document.createElement('h3');
  h.textContent = title + ' ';
  const badge = document.createElement('span');
  badge.className = 'role';
  badge.textContent = role;
  h.append(badge);
  const dl = document.createElement('dl');
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dl.append(dt, dd);
  }
  element.append(h, dl);
}

function activeName(s) {
  if (s.server.role === 'active') return s.server.name;
  if (s.partner && s.partner.role === 'active') return s.partner.name;
  return 'none';
}

function drawPair(s) {
  const me = s.server;
  card($('server-self'), me.name + ' (this console)', me.role, [
    ['epoch', text(me.epoch)],
    ['clients', text(me.clientUrl)],
    ['lease', millis(me.leaseAgeMillis) + ' old' + (me.role === 'active' ? (me.leaseFresh ? ', fresh' : ', NOT fresh') : '')],
    ['store', me.storeHealthy ? 'answers' : 'DOES NOT ANSWER'],
    ['takeovers', text(me.takeovers) + ', fencings ' + text(me.fencings)],
  ], me.role === 'active' ? 'active' : '');
  const p = s.partner;
  if (!p) {
    card($('server-partner'), 'no partner', 'single server', [['', 'this broker runs without --partner']], '');
  } else {
    const gone = p.role && p.role.startsWith('unreachable');
    card($('server-partner'), text(p.name) + ' (partner)', p.role || 'not heard yet', [
      ['clients', text(p.clientUrl)],
      ['heartbeat', p.link === 'up' ? millis(p.heartbeatAgeMillis) + ' ago' : 'link ' + p.link
        + (p.heartbeatAgeMillis >= 0 ? ', last ' + millis(p.heartbeatAgeMillis) + ' ago' : '')],
    ], p.role === 'active' ? 'active' : gone ? 'gone' : '');
  }
  const active = activeName(s);
  $('active-server').textContent = active;
  $('headline').textContent = 'active: ' + active + ' · this console: ' + me.name + ' (' + me.role + ')';
  const t = me.lastTakeover;
  $('takeover').textContent = t
    ? 'Last takeover by ' + me.name + ': ' + time(t.at) + ', epoch ' + t.epoch + ', serving after ' + t.millis + ' ms — ' + t.why
    : 'No takeover by ' + me.name + ' since it started.';
  if (lastActive !== null && active !== lastActive) {
    addEvent('the active server is now ' + active + ' (was ' + lastActive + ')');
  }
  if (lastSelfRole !== null && me.role !== lastSelfRole) {
    addEvent(me.name + ' is now ' + me.role + (me.lastFencing && me.role !== 'active' ? ' (' + me.lastFencing + ')' : ''));
  }
  lastActive = active;
  lastSelfRole = me.role;
}

function drawDestinations(s) {
  const body = $('destinations').tBodies[0];
  body.replaceChildren();
  $('clients').textContent = '· ' + count(s.connections, 'connection') + ', ' + count(s.sessions, 'session') + ', '
    + (s.memoryUsed / 1048576).toFixed(1) + ' of ' + (s.memoryLimit / 1048576).toFixed(0) + ' MiB message memory';
  $('destinations-note').textContent = s.server.role === 'active' ? ''
    : 'Destinations are shown by the active server' + (s.partner && s.partner.name ? ' (' + s.partner.name + ')' : '') + '.';
  for (const d of s.destinations) {
    const tr = document.createElement('tr');
    tr.dataset.destination = d.kind + ':' + d.name;
    const cells = [['kind', d.kind], ['name', d.name], ['depth', d.depth], ['paged', d.paged], ['in-flight', d.inFlight],
      ['consumers', d.consumers], ['in-rate', d.inPerSecond], ['out-rate', d.outPerSecond],
      ['enqueued', d.enqueued], ['dequeued', d.dequeued], ['expired', d.expired], ['dead-lettered', d.deadLettered]];
    for (const [cls, v] of cells) {
      const td = document.createElement('td');
      td.className = cls + (typeof v === 'number' ? ' n' : '');
      td.textContent = text(v);
      tr.append(td);
    }
    body.append(tr);
  }
}

function drawConnections(s) {
  const body = $('connections').tBodies[0];
  body.replaceChildren();
  const listed = s.clients.length;
  $('connections-note').textContent = listed < s.connections ? '· the first ' + listed + ' of ' + s.connections : '';
  for (const c of s.clients) {
    const tr = document.createElement('tr');
    for (const [cls, v] of [['address', c.address], ['user', c.user], ['client-id', c.clientId],
      ['sessions', c.sessions], ['consumers', c.consumers]]) {
      const td = document.createElement('td');
      td.className = cls + (typeof v === 'number' ? ' n' : '');
      td.textContent = text(v);
      tr.append(td);
    }
    body.append(tr);
  }
}

function drawChart(points) {
  const canvas = $('chart');
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  if (points.length < 2) return;
  const t0 = points[0][0];
  const t1 = points[points.length - 1][0];
  const span = Math.max(1, t1 - t0);
  const series = [[1, '#0969da'], [2, '#1a7f37'], [3, '#bf8700']];
  const max = Math.max(1, ...points.flatMap((p) => [p[1], p[2], p[3]]));
  g.font = '11px sans-serif';
  g.fillStyle = '#57606a';
  g.fillText(String(Math.round(max)), 4, 12);
  for (const [i, colour] of series) {
    g.strokeStyle = colour;
    g.lineWidth = 2;
    g.beginPath();
    points.forEach((p, k) => {
      const x = (p[0] - t0) / span * (canvas.width - 10) + 5;
      const y = canvas.height - 5 - p[i] / max * (canvas.height - 20);
      if (k === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  }
}

async function poll() {
  try {
    const r = await fetch('api/status', { cache: 'no-store', credentials: 'same-origin' });
    if (r.status === 401 || r.status === 403) {
      show('console', false);
      show('login', true);
      show('logout', false);
      $('headline').textContent = 'log in to see the pair';
      if (r.status === 403) $('login-error').textContent = (await r.text()).trim();
      return;
    }
    if (!r.ok) throw new Error('HTTP ' + r.status + ': ' + (await r.text()).trim());
    const s = await r.json();
    failingSince = null;
    show('problem', false);
    show('login', false);
    show('console', true);
    show('logout', !!s.user);
    $('who').textContent = s.user ? 'logged in as ' + s.user : 'security off';
    drawPair(s);
    drawDestinations(s);
    drawConnections(s);
    drawChart(s.history);
  } catch (e) {
    if (failingSince === null) {
      failingSince = Date.now();
      addEvent('this console\'s server does not answer: ' + e.message);
    }
    $('problem').textContent = 'This console\'s server has not answered since ' + time(failingSince)
      + ' (' + e.message + '). If it was the active server, its partner has taken over: open the partner\'s console.';
    show('problem', true);
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

async function login(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  const form = new URLSearchParams({ user: $('login-user').value, password: $('login-password').value });
  try {
    const r = await fetch('login', { method: 'POST', body: form, credentials: 'same-origin' });
    if (!r.ok) {
      $('login-error').textContent = (await r.text()).trim();
      return;
    }
    $('login-password').value = '';
    show('login', false);
    addEvent('logged in as ' + $('login-user').value);
  } catch (e) {
    $('login-error').textContent = 'the server does not answer: ' + e.message;
  }
}

async function logout() {
  await fetch('logout', { method: 'POST', credentials: 'same-origin' });
  show('console', false);
  show('login', true);
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  poll();
});
