import type { AddressInfo } from 'node:net';
import dns2, { type Packet } from 'dns2';

export type DnsAnswer = { type: 'TXT' | 'CNAME'; value: string };

export type DnsSink = {
  /** `127.0.0.1:port`: what `DNS_SERVERS` (node's resolver) takes. */
  server: string;
  /** Publishes records for a name (replacing what it had); none removes it. */
  publish(name: string, answers: DnsAnswer[]): void;
  close(): Promise<void>;
};

/** TXT character-strings hold at most 255 bytes; a DKIM key is longer, so it is split. */
function chunks(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 255) parts.push(text.slice(i, i + 255));
  return parts;
}

/**
 * A DNS server for tests, as the SMTP and Twilio sinks are servers for their protocols: it
 * answers TXT and CNAME questions for the names a test publishes (a test zone), NXDOMAIN for
 * the rest, over UDP and TCP on one port (a long DKIM key may not fit a UDP answer). Built on
 * dns2, and asked through node's own resolver, so verification runs as it does against real DNS.
 */
export async function startDnsSink(): Promise<DnsSink> {
  const { Packet: P, UDPServer, TCPServer } = dns2;
  const zone = new Map<string, DnsAnswer[]>();
  const answer = (request: Packet, send: (response: Packet) => void) => {
    const response = P.createResponseFromRequest(request);
    for (const question of request.questions) {
      const records = zone.get(question.name.toLowerCase().replace(/\.$/, '')) ?? [];
      for (const record of records) {
        const type = P.TYPE[record.type];
        if (question.type !== type) continue;
        response.answers.push({
          name: question.name,
          type,
          class: P.CLASS.IN,
          ttl: 1,
          ...(record.type === 'TXT' ? { data: chunks(record.value) } : { domain: record.value }),
        });
      }
      // NXDOMAIN for a name the zone does not hold at all.
      if (records.length === 0) response.header.rcode = 3;
    }
    send(response);
  };
  const udp = new UDPServer({ type: 'udp4' });
  udp.on('request', answer);
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const { port } = udp.address();
  const tcp = new TCPServer();
  tcp.on('request', answer);
  await new Promise<void>((resolve) => tcp.listen(port, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${(tcp.address() as AddressInfo).port}`,
    publish(name, answers) {
      const key = name.toLowerCase().replace(/\.$/, '');
      if (answers.length === 0) zone.delete(key);
      else zone.set(key, answers);
    },
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}
