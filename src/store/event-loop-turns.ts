import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * better-sqlite3 runs each statement synchronously, and awaiting one only lets promise callbacks
 * run, so a stage writing thousands of rows held the event loop until it was done: BullMQ could
 * not renew the job's lock (the job was taken as stalled and run again by another worker), and no
 * request was answered meanwhile. After a statement, once `sliceMs` have passed since the event
 * loop last had a turn, give it one. PostgreSQL's driver waits on the network and needs none.
 */
export class EventLoopTurns implements KyselyPlugin {
  private last = performance.now();

  constructor(private readonly sliceMs = 20) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (performance.now() - this.last >= this.sliceMs) {
      await nextTurn();
      this.last = performance.now();
    }
    return args.result;
  }
}
