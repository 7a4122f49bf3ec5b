export { GeoIp, type IpLocation } from './geoip';
export { addressFamily } from './ip-number';
export { dataVersions } from './data-files';
