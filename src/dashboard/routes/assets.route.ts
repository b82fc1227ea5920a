import type { FastifyInstance } from "fastify";
import { ASSETS } from "../assets.js";

/** `/assets/<name>`: the few static files the pages load, from a fixed list (no path from the URL reaches the disk). */
export function registerAssetRoutes(app: FastifyInstance): void {
  app.get<{ Params: { name: string } }>("/assets/:name", async (req, reply) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return reply.code(404).type("text/plain").send("not found");
    const { type, body } = asset();
    return reply.type(`${type}; charset=utf-8`).header("cache-control", "public, max-age=3600").send(body);
  });
}
