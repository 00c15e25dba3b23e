// mqtt.js (npm "mqtt" 5.x) scenarios for tst_interop_mqttjs. Each scenario connects MQTT 5
// clients to the server, does one thing, and prints one JSON line with what it observed;
// the C++ test makes the assertions. Usage:
//   node scenarios.mjs <scenario> <mqtt://127.0.0.1:port> <unique topic prefix>
// Exit code 0 with {"scenario": ..., ...} on stdout, or 1 with {"error": ...}.
import mqtt from 'mqtt';

const TIMEOUT_MS = 15000;
const [scenario, url, prefix] = process.argv.slice(2);
const clients = [];

function connect(name, extra = {}) {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, {
      protocolVersion: 5,
      clientId: `${name}-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...extra,
    });
    clients.push(client);
    const inbox = [];
    // The raw packet before mqtt.js resolves a topic alias: what the server really sent.
    client.on('packetreceive', (packet) => {
      if (packet.cmd === 'publish') {
        inbox.push({
          topic: packet.topic,
          rawTopic: packet.topic,
          payload: packet.payload.toString(),
          qos: packet.qos,
          retain: packet.retain,
          properties: plainProperties(packet.properties),
        });
      }
    });
    client.on('message', (topic) => {
      // Same packet, alias now resolved: complete the record made on receipt.
      const pending = inbox.find((m) => m.resolved === undefined);
      if (pending) {
        pending.topic = topic;
        pending.resolved = true;
      }
    });
    client.once('connect', (connack) => resolve({ client, connack, inbox }));
    client.once('error', reject);
  });
}

function plainProperties(properties) {
  const result = {};
  for (const [key, value] of Object.entries(properties || {})) {
    result[key] = Buffer.isBuffer(value) ? value.toString() : value;
  }
  if (result.subscriptionIdentifier !== undefined && !Array.isArray(result.subscriptionIdentifier)) {
    result.subscriptionIdentifier = [result.subscriptionIdentifier];
  }
  return result;
}

function subscribe(client, filter, options = {}) {
  return new Promise((resolve, reject) => {
    client.subscribe(filter, { qos: 1, ...options }, (error, granted) => {
      if (error) reject(error);
      else resolve(granted.map((g) => g.qos));
    });
  });
}

function publish(client, topic, payload, options = {}) {
  return new Promise((resolve, reject) => {
    client.publish(topic, payload, { qos: 1, ...options }, (error, packet) => {
      if (error) reject(error);
      else resolve(packet);
    });
  });
}

/// Resolves once predicate(inbox) holds (checked on every received packet).
function waitFor(peer, predicate, what) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate(peer.inbox)) {
        peer.client.removeListener('message', onMessage);
        resolve(peer.inbox);
        return true;
      }
      return false;
    };
    const onMessage = () => setImmediate(check);
    if (check()) return;
    peer.client.on('message', onMessage);
    setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(peer.inbox)}`)), TIMEOUT_MS).unref();
  });
}

const hasPayload = (payload) => (inbox) => inbox.some((m) => m.payload === payload && m.resolved);
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// MQTT 5 §3.3.2.3.4: a topic alias set with a topic, then used with an empty topic, then
// mapped to another topic.
async function topicAlias() {
  const sub = await connect('alias-sub', { properties: { topicAliasMaximum: 10 } });
  const pub = await connect('alias-pub');
  const serverTopicAliasMaximum = pub.connack.properties?.topicAliasMaximum ?? 0;
  await subscribe(sub.client, `${prefix}/#`);
  const sent = [
    [`${prefix}/one`, 'a1', 1],
    ['', 'a2', 1],
    [`${prefix}/two`, 'a3', 1],
    ['', 'a4', 1],
    [`${prefix}/one`, 'a5', undefined],
  ];
  const pubacks = [];
  for (const [topic, payload, alias] of sent) {
    const properties = alias === undefined ? {} : { topicAlias: alias };
    const ack = await publish(pub.client, topic, payload, { properties });
    pubacks.push(ack?.reasonCode ?? 0);
  }
  const received = await waitFor(sub, (inbox) => inbox.filter((m) => m.resolved).length >= sent.length, 'aliased messages');
  return { serverTopicAliasMaximum, pubacks, received };
}

// MQTT 5 §3.3.4 and §3.8.2.1.2: subscription identifiers on delivery.
async function subscriptionIdentifiers() {
  const sub = await connect('sid-sub');
  const pub = await connect('sid-pub');
  await subscribe(sub.client, `${prefix}/one/#`, { properties: { subscriptionIdentifier: 1 } });
  await subscribe(sub.client, `${prefix}/two/+`, { properties: { subscriptionIdentifier: 2 } });
  await subscribe(sub.client, `${prefix}/two/#`, { properties: { subscriptionIdentifier: 3 } });
  await subscribe(sub.client, `${prefix}/none/#`);
  await subscribe(sub.client, `${prefix}/upd/#`, { properties: { subscriptionIdentifier: 5 } });
  await subscribe(sub.client, `${prefix}/upd/#`, { properties: { subscriptionIdentifier: 268435455 } });
  for (const level of ['one', 'two', 'none', 'upd']) await publish(pub.client, `${prefix}/${level}/x`, level);
  await publish(pub.client, `${prefix}/one/end`, 'end');
  const received = await waitFor(sub, hasPayload('end'), 'end marker');
  return { received };
}

// MQTT 5 §3.8.3.1 No Local: not sent back to the publishing connection.
async function noLocal() {
  const a = await connect('nl-a');
  const b = await connect('nl-b');
  await subscribe(a.client, `${prefix}/t`, { nl: true });
  await subscribe(a.client, `${prefix}/done`);
  await subscribe(b.client, `${prefix}/t`);
  await publish(a.client, `${prefix}/t`, 'from-a');
  await publish(a.client, `${prefix}/done`, 'done');
  await waitFor(a, hasPayload('done'), 'done marker');
  await waitFor(b, hasPayload('from-a'), 'from-a at b');
  return { a: a.inbox, b: b.inbox };
}

// MQTT 5 §3.8.3.1 Retain As Published, §3.3.1.3 RETAIN on delivery.
async function retainAsPublished() {
  const keep = await connect('rap-keep');
  const clear = await connect('rap-clear');
  const pub = await connect('rap-pub');
  await subscribe(keep.client, `${prefix}/t`, { rap: true });
  await subscribe(clear.client, `${prefix}/t`, { rap: false });
  await publish(pub.client, `${prefix}/t`, 'retained', { retain: true });
  await publish(pub.client, `${prefix}/t`, 'plain');
  await waitFor(keep, hasPayload('plain'), 'plain at rap=1');
  await waitFor(clear, hasPayload('plain'), 'plain at rap=0');
  const late = await connect('rap-late');
  await subscribe(late.client, `${prefix}/t`, { rap: false });
  await waitFor(late, hasPayload('retained'), 'retained at the late subscriber');
  const observed = { rapTrue: [...keep.inbox], rapFalse: [...clear.inbox], late: [...late.inbox] };
  await publish(pub.client, `${prefix}/t`, '', { retain: true }); // clean up
  return observed;
}

// MQTT 5 §3.8.3.1 Retain Handling 0, 1, 2: retained messages on a new subscription and on a
// repeated one. A live marker published after each SUBACK shows what came before it.
async function retainHandling() {
  const pub = await connect('rh-pub');
  await publish(pub.client, `${prefix}/t`, 'retained', { retain: true });
  const result = {};
  for (const rh of [0, 1, 2]) {
    const peer = await connect(`rh${rh}`);
    const firstMarker = `live-${rh}-first`;
    const secondMarker = `live-${rh}-second`;
    await subscribe(peer.client, `${prefix}/t`, { rh });
    await publish(peer.client, `${prefix}/t`, firstMarker);
    await waitFor(peer, hasPayload(firstMarker), firstMarker);
    await subscribe(peer.client, `${prefix}/t`, { rh }); // the subscription exists now
    await publish(peer.client, `${prefix}/t`, secondMarker);
    await waitFor(peer, hasPayload(secondMarker), secondMarker);
    const payloads = peer.inbox.map((m) => m.payload);
    const cut = payloads.indexOf(firstMarker);
    result[`rh${rh}`] = {
      onNewSubscription: peer.inbox.slice(0, cut),
      onRepeatedSubscription: peer.inbox.slice(cut + 1, payloads.indexOf(secondMarker)),
    };
  }
  await publish(pub.client, `${prefix}/t`, '', { retain: true }); // clean up
  return result;
}

// MQTT 5 §3.3.2.3.3 Message Expiry Interval: the server sends the remaining time, and does
// not send a message whose interval has passed. Time passing is the point here, so this
// scenario waits 2.5 s on purpose.
async function messageExpiry() {
  const pub = await connect('exp-pub');
  await publish(pub.client, `${prefix}/long`, 'long', { retain: true, properties: { messageExpiryInterval: 60 } });
  await publish(pub.client, `${prefix}/short`, 'short', { retain: true, properties: { messageExpiryInterval: 1 } });
  await publish(pub.client, `${prefix}/forever`, 'forever', { retain: true });
  const waitedMs = 2500;
  await delay(waitedMs);
  const sub = await connect('exp-sub');
  await subscribe(sub.client, `${prefix}/#`);
  await publish(pub.client, `${prefix}/live`, 'live', { properties: { messageExpiryInterval: 30 } });
  const received = [...(await waitFor(sub, hasPayload('live'), 'live message'))];
  for (const topic of ['long', 'short', 'forever']) await publish(pub.client, `${prefix}/${topic}`, '', { retain: true });
  return { waitedMs, received };
}

const scenarios = {
  'topic-alias': topicAlias,
  'subscription-identifiers': subscriptionIdentifiers,
  'no-local': noLocal,
  'retain-as-published': retainAsPublished,
  'retain-handling': retainHandling,
  'message-expiry': messageExpiry,
};

async function main() {
  const run = scenarios[scenario];
  if (!run || !url || !prefix) throw new Error(`usage: scenarios.mjs <${Object.keys(scenarios).join('|')}> <url> <prefix>`);
  const watchdog = setTimeout(() => {
    console.log(JSON.stringify({ scenario, error: `scenario did not finish within ${2 * TIMEOUT_MS} ms` }));
    process.exit(1);
  }, 2 * TIMEOUT_MS);
  const observed = await run();
  clearTimeout(watchdog);
  await Promise.all(clients.map((c) => c.endAsync()));
  console.log(JSON.stringify({ scenario, ...observed }));
}

main().catch((error) => {
  console.log(JSON.stringify({ scenario, error: String(error?.stack ?? error) }));
  process.exit(1);
});
