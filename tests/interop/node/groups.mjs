// mqtt.js scenario for tst_groups_mqttjs: a consumer in a shared group answers PUBACK
// 0x80 (Unspecified error) through mqtt.js's customHandleAcks — a negative acknowledgement
// — and a reader of $DLQ/<group>/# reports what the broker dead-lettered. Usage:
//   node groups.mjs <mqtt://127.0.0.1:port> <group> <topic>
// Prints one JSON line: {"nacked": [...payloads], "deadLetters": [{topic, payload, userProperties}]}.
import mqtt from 'mqtt';

const [url, group, topic] = process.argv.slice(2);
const clients = [];

function connect(name, extra = {}) {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, {
      protocolVersion: 5,
      clientId: `${name}-${process.pid}`,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...extra,
    });
    clients.push(client);
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

const subscribe = (client, filter) =>
  new Promise((resolve, reject) => client.subscribe(filter, { qos: 1 }, (e) => (e ? reject(e) : resolve())));

async function main() {
  const nacked = [];
  const deadLetters = [];
  await connect('consumer', {
    customHandleAcks: (_topic, message, _packet, done) => {
      nacked.push(message.toString());
      done(0x80); // could not process it
    },
  }).then((consumer) => subscribe(consumer, `$share/${group}/${topic}`));
  const reader = await connect('dlq-reader');
  const gotLetter = new Promise((resolve) => {
    reader.on('message', (letterTopic, payload, packet) => {
      const userProperties = packet.properties?.userProperties ?? {};
      deadLetters.push({ topic: letterTopic, payload: payload.toString(), userProperties });
      resolve();
    });
  });
  await subscribe(reader, `$DLQ/${group}/#`);
  const publisher = await connect('publisher');
  await new Promise((resolve, reject) =>
    publisher.publish(topic, 'cannot process me', { qos: 1 }, (e) => (e ? reject(e) : resolve())));
  await Promise.race([gotLetter, new Promise((resolve) => setTimeout(resolve, 10000))]);
  return { nacked, deadLetters };
}

main()
  .then((result) => {
    console.log(JSON.stringify(result));
    clients.forEach((c) => c.end(true));
    process.exit(0);
  })
  .catch((error) => {
    console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
    process.exit(1);
  });
