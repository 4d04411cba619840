export { renderPacket } from './render-packet.js';
export type { RenderPacketOptions } from './render-packet.js';
export { PACKET_FORMATS } from './packet-source.js';
export type { PacketFormat, PacketSource } from './packet-source.js';
export type { SlackBlock, SlackButton, SlackMessage, SlackMrkdwn, SlackPlainText, SlackText } from './slack-message.js';
