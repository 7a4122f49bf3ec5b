import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ipIntelStatus, loadRiskyList, refreshIpLocations } from '@kubetrail/core';
import { dataVersions, GeoIp } from '@kubetrail/geoip';
import { run } from '../context';

interface JsonFlag {
  json?: boolean;
}

export function registerIpdb(program: Command): void {
  const ipdb = program.command('ipdb').description('the IP intelligence behind ip_to_* and security_check_ip in queries');
  ipdb
    .command('status')
    .description('GeoIP data versions, addresses located, risky lists loaded')
    .option('--json', 'print JSON')
    .action((opts: JsonFlag) => run(opts, (deps) => ipIntelStatus(deps, dataVersions())));
  ipdb
    .command('refresh')
    .description("locate every stored event's source addresses again (after updating the GeoIP packages)")
    .option('--json', 'print JSON')
    .action((opts: JsonFlag) => run(opts, (deps) => refreshIpLocations(deps, new GeoIp())));
  ipdb
    .command('risky')
    .description('risky-address lists')
    .command('load')
    .description('load or replace a list of risky addresses (netset: one IP or CIDR per line, # comments)')
    .argument('<file>', 'the list, e.g. a FireHOL netset file')
    .option('--source <name>', 'the list’s name; loading the same name again replaces it', 'custom')
    .option('--json', 'print JSON')
    .action((file: string, opts: JsonFlag & { source: string }) =>
      run(opts, async (deps) => loadRiskyList(deps, opts.source, await readFile(file, 'utf8'))),
    );
}
