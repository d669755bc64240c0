/**
 * The one list of the lab's environments: the only place that names them all. The scenario
 * union, the registry, the command line, the form and the charts are built from it. Adding an
 * environment is a folder (src/envs/<id>/, with module.ts and view.ts) and a line here.
 */
import * as entranceTobin from './entrance-tobin';
import * as entranceDiff from './entrance-diff';
import * as cobweb from './cobweb';
import * as cournot from './cournot';
import * as supplyChain from './supply-chain';
import * as taxEconomy from './tax-economy';
import * as marketMaker from './market-maker';
import * as pigouvian from './pigouvian';

export const ENVS = [entranceTobin, entranceDiff, cobweb, cournot, supplyChain, taxEconomy, marketMaker, pigouvian] as const;
