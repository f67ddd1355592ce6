import { createServer, type Server } from 'node:net';

/**
 * fakeSmtp is a tiny SMTP server on loopback: it records each accepted message (recipient,
 * Message-ID and the raw message), refuses some recipients, and fails chosen DATA commands once.
 */
export function fakeSmtp(opts: { refuse?: string[]; failDataOnce?: number[] } = {}) {
  const received: { to: string; messageId: string; raw: string }[] = [];
  let dataCount = 0;
  const failOnce = new Set(opts.failDataOnce ?? []);
  const server: Server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let rcpt = '';
    let message = '';
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          message += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          dataCount++;
          if (failOnce.delete(dataCount)) {
            socket.write('451 4.3.0 Tijdelijk probleem\r\n');
          } else {
            const messageId = /^Message-ID:\s*(\S+)/im.exec(message)?.[1] ?? '';
            received.push({ to: rcpt, messageId, raw: message });
            socket.write('250 2.0.0 OK\r\n');
          }
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') socket.write('250-fake.smtp\r\n250 8BITMIME\r\n');
        else if (cmd === 'HELO' || cmd === 'MAIL' || cmd === 'RSET' || cmd === 'NOOP')
          socket.write('250 OK\r\n');
        else if (cmd === 'RCPT') {
          rcpt = /<([^>]+)>/.exec(line)?.[1] ?? '';
          socket.write(opts.refuse?.includes(rcpt) ? '550 5.1.1 Onbekende ontvanger\r\n' : '250 OK\r\n');
        } else if (cmd === 'DATA') {
          inData = true;
          message = '';
          socket.write('354 Go ahead\r\n');
        } else if (cmd === 'QUIT') {
          socket.end('221 Bye\r\n');
        } else socket.write('502 Unknown\r\n');
      }
    });
  });
  return {
    received,
    server,
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return (server.address() as { port: number }).port;
    },
  };
}
