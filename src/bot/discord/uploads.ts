import { DefaultRestOptions } from "discord.js";

type MakeRequest = typeof DefaultRestOptions.makeRequest;

/**
 * discord.js's request strategy with uploads encoded before they leave: discord.js builds a message
 * with files as the platform's `FormData` and hands it to its own undici 6, whose `request()` goes
 * through the process-wide dispatcher of whichever undici loaded first. When that is a newer undici's
 * (openai's and Slack's 7.x, Node 24's `fetch`), it does not recognise the form and fails with "action
 * is not a function" before anything is sent. Encoded here with the platform's own `Response`, every
 * dispatcher gets plain bytes and the form's multipart content type.
 */
export function encodeUploads(makeRequest: MakeRequest = DefaultRestOptions.makeRequest): MakeRequest {
  return async (url, init) => {
    if (!(init.body instanceof FormData)) return makeRequest(url, init);
    const encoded = new Response(init.body);
    const contentType = encoded.headers.get("content-type") ?? "multipart/form-data";
    const headers = { ...(init.headers as Record<string, string> | undefined), "content-type": contentType };
    return makeRequest(url, { ...init, body: new Uint8Array(await encoded.arrayBuffer()), headers });
  };
}
