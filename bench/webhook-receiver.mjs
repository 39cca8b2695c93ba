// A webhook receiver for the load benchmark (not a test): answers every POST with 204 once its
// body has arrived, and prints how many it received when stopped (SIGTERM / SIGINT).
// Usage: node bench/webhook-receiver.mjs PORT
import http from 'node:http';

const port = Number(process.argv[2] || 0);
let received = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received += 1;
    res.writeHead(204).end();
  });
});
server.listen(port, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  process.stdout.write(`listening ${address.port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    process.stdout.write(`received ${received}\n`);
    process.exit(0);
  });
}
