/** mDNS discovery of OSC peers (`_osc._udp`): advertise and browse (the `peers:*` domain is domains/peers.ts). */
export {
  createDiscovery,
  OSC_SERVICE,
  type Advertisement,
  type AdvertiseHandle,
  type BrowseHandle,
  type Discovery,
  type DiscoveryOptions,
} from './discovery';
export { defaultInstanceName } from './names';
export { encodeTxt, parseTxt, TXT_APP, TXT_VERSION } from './txt';
