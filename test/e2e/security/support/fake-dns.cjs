// Test fixture loaded into the API process with NODE_OPTIONS=--require: answers DNS lookups for
// the names in KNM_TEST_FAKE_DNS (JSON {"name": "address"}) the way an /etc/hosts entry would, so a
// test can make a hostname resolve to a link-local or metadata address without touching the
// machine's resolver. Every other name goes to the system resolver as usual.
'use strict';
const dns = require('node:dns');

const table = JSON.parse(process.env.KNM_TEST_FAKE_DNS || '{}');
const entry = (hostname) => {
  const address = table[String(hostname).toLowerCase()];
  return address ? { address, family: address.includes(':') ? 6 : 4 } : null;
};

const lookup = dns.lookup;
dns.lookup = function fakeLookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'object' && options !== null ? options : {};
  const hit = entry(hostname);
  if (!hit) return lookup.apply(this, arguments);
  process.nextTick(() => (opts.all ? cb(null, [hit]) : cb(null, hit.address, hit.family)));
  return {};
};

const promisesLookup = dns.promises.lookup;
dns.promises.lookup = async function fakePromisesLookup(hostname, options) {
  const hit = entry(hostname);
  if (!hit) return promisesLookup.call(this, hostname, options);
  return options && options.all ? [hit] : hit;
};
