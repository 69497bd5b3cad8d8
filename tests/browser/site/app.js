// The page's own script: a fixed sequence of calls to the json-server API, one at a time, so the recorded
// traffic is the same on every run. The first load makes the calls; the reload (phase 2, remembered in
// sessionStorage) revalidates what the first load fetched, which json-server answers with 304 Not Modified.
// The card number, token and key below are hard-coded on purpose: a secret in a script is a finding too.
'use strict';

const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDAxIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTc2NDU0NzIwMH0.xDaAcRkMMfG9kYFfDdoICffu67Ivxzfla2YEAGS7qB0';
const apiKey = 'ak_7Hq2Lw9Zt4Rm8Vx3Nc6Pb1Ds5Fj0Gy';
const json = { 'Content-Type': 'application/json' };

const firstLoad = [
  ['GET', '/customers'],
  ['GET', '/customers/2'],
  ['GET', '/customers?email=grace.hopper%40example.org'],
  ['POST', '/orders', { headers: json, body: JSON.stringify({ customerId: 3, total: 99.9, email: 'alan.turing@example.org', card: '5417330924816579' }) }],
  ['PUT', '/orders/1', { headers: json, body: JSON.stringify({ id: 1, customerId: 1, total: 45, status: 'paid' }) }],
  ['DELETE', '/orders/2'],
  // A form post: urlencoded fields, one of them a card number.
  ['POST', '/payments', { body: new URLSearchParams({ card_number: '6011528409372616', email: 'billing@example.org', amount: '19.99' }) }],
  ['GET', '/profile', { headers: { Authorization: 'Bearer ' + jwt } }],
  ['GET', '/accounts', { headers: { 'X-API-Key': apiKey } }],
];

// json-server sends "Cache-Control: no-cache" and an ETag: asking again revalidates, and nothing changed.
const reload = [
  ['GET', '/customers', { cache: 'no-cache' }],
  ['GET', '/customers/2', { cache: 'no-cache' }],
];

async function run(calls) {
  const log = document.getElementById('log');
  for (const [method, path, init] of calls) {
    const response = await fetch(path, { method, ...init });
    await response.text();
    log.textContent += `${method} ${path} ${response.status}\n`;
  }
}

window.scenario = { phase: sessionStorage.getItem('phase') === 'first-load-done' ? 'reload' : 'first-load', state: 'running' };
run(window.scenario.phase === 'first-load' ? firstLoad : reload)
  .then(() => {
    sessionStorage.setItem('phase', 'first-load-done');
    window.scenario.state = 'done';
  })
  .catch(error => {
    window.scenario.state = 'failed';
    window.scenario.error = String(error);
  });
