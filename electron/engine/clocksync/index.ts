/**
 * Clock sync in the engine: answering pings on every socket a peer may ping (responder.ts) and
 * pinging every source heard, reading its timetags in its own clock once it answers
 * (peer-clocks.ts). The computing is in shared/clocksync.
 */
export {
  answerClockPings,
  clockPongFor,
  clockPongForDatagram,
  createClockResponder,
} from './responder';
export {
  createPeerClocks,
  type PeerClocks,
  type PeerClocksOptions,
  type SendFrom,
} from './peer-clocks';
export { createEndpointClockSync, type EndpointClockSync } from './endpoint-sync';
