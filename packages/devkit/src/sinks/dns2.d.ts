// dns2 ships no types; this is the part of it the DNS sink uses.
declare module 'dns2' {
  import type { Socket as UdpSocket } from 'node:dgram';
  import type { Server as TcpServerBase } from 'node:net';

  export type Question = { name: string; type: number; class: number };
  export type Answer = {
    name: string;
    type: number;
    class: number;
    ttl: number;
    data?: string | string[];
    domain?: string;
  };
  export class Packet {
    static TYPE: Record<'A' | 'TXT' | 'CNAME', number>;
    static CLASS: Record<'IN', number>;
    static createResponseFromRequest(request: Packet): Packet;
    questions: Question[];
    answers: Answer[];
    header: { rcode: number };
  }
  type Send = (response: Packet) => void;
  export class UDPServer extends UdpSocket {
    constructor(options: { type: 'udp4' | 'udp6' });
    on(event: 'request', listener: (request: Packet, send: Send) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export class TCPServer extends TcpServerBase {
    on(event: 'request', listener: (request: Packet, send: Send) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  const dns2: { Packet: typeof Packet; UDPServer: typeof UDPServer; TCPServer: typeof TCPServer };
  export default dns2;
}
