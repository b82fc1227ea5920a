import type { App as BoltApp, BlockAction, ButtonAction, types } from "@slack/bolt";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { actionKindOf } from "./render.js";
import { answerPress, pressContext, type Press } from "./job-button.action.js";
import { conversationOf, personalOwner } from "../../chat/conversation.js";
import { letterRef } from "../../chat/letter-buttons.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";

const EDIT_VIEW = "letter_edit";
const TEXT_BLOCK = "letter_text";
const TEXT_INPUT = "text";
/** Slack's limit for a plain_text_input. */
const MAX_INPUT = 3000;

/** The edit form: the letter's text in a multi-line input; where to answer rides in private_metadata. */
export function letterEditModal(letterId: string, text: string, p: Press): types.ModalView {
  const t = phrasesFor(letterRef(letterId).lang ?? "en").letter;
  return {
    type: "modal",
    callback_id: EDIT_VIEW,
    private_metadata: JSON.stringify({ id: letterId, c: p.channel, t: p.threadTs, team: p.teamId }),
    title: { type: "plain_text", text: t.formTitle },
    submit: { type: "plain_text", text: t.formSubmit },
    close: { type: "plain_text", text: t.formCancel },
    blocks: [
      {
        type: "input",
        block_id: TEXT_BLOCK,
        label: { type: "plain_text", text: t.formLabel },
        element: {
          type: "plain_text_input",
          action_id: TEXT_INPUT,
          multiline: true,
          max_length: MAX_INPUT,
          initial_value: text.slice(0, MAX_INPUT),
        },
      },
    ],
  };
}

/**
 * Approve / Approve anyway / Regenerate on a letter go to the chat service like any press; Edit
 * opens a modal with the text (views.open needs the press's trigger_id within 3 s), and its
 * submission is checked and stored as the presser's edit.
 */
export function registerLetterActions(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: /^letter_(approve|approve_anyway|edit|regenerate)$/ },
    async ({ ack, body, action, client }) => {
      await ack();
      const kind = actionKindOf(action.action_id);
      const p = pressContext(body);
      const value = action.value;
      if (!kind || !p || !value) return;
      if (kind === "letter_edit") {
        const owner = conversationOf({
          platform: "slack",
          teamId: p.teamId,
          channel: p.channel,
          channelType: p.channelName,
          userId: body.user.id,
          threadTs: p.threadTs,
        });
        const text = await d.runner.letterText(personalOwner(owner, body.user.id), value);
        if (text === undefined) return;
        await client.views.open({ trigger_id: body.trigger_id, view: letterEditModal(value, text, p) });
        return;
      }
      answerPress(d, { body, press: p, client, kind, value });
    },
  );

  bolt.view(EDIT_VIEW, async ({ ack, body, view, client }) => {
    await ack();
    const meta = JSON.parse(view.private_metadata || "{}") as {
      id?: string;
      c?: string;
      t?: string;
      team?: string;
    };
    const text = view.state.values[TEXT_BLOCK]?.[TEXT_INPUT]?.value ?? "";
    const teamId = body.team?.id ?? body.user.team_id;
    if (!meta.id || !meta.c || !meta.t || !teamId || teamId !== meta.team) return;
    const { id, c: channel, t: threadTs } = meta;
    d.runner.spawn("letter edit", async () => {
      const user = await d.identity.user(client, teamId, body.user.id);
      const where = conversationOf({ platform: "slack", teamId, channel, userId: body.user.id, threadTs });
      await d.runner.action(
        { ...where, user, kind: "letter_edit", value: id, text },
        { client, channel, threadTs },
      );
    });
  });
}
