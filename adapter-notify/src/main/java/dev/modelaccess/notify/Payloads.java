package dev.modelaccess.notify;

import dev.modelaccess.core.notify.ClaimedNotice;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON bodies: the webhook's event and Slack's Block Kit message. */
final class Payloads {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int SLACK_LINES = 10;

    private Payloads() {}

    /**
     * {@code {"id", "type", "timestamp", "title", "lines", "link", "data"}}: {@code data} is the notice's payload as
     * stored; {@code timestamp} is when the notice was written.
     */
    static String webhook(ClaimedNotice notice) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("id", notice.noticeId().toString());
        body.put("type", notice.kind().type());
        body.put("timestamp", notice.createdAt().toString());
        body.put("title", notice.title());
        ArrayNode lines = body.putArray("lines");
        notice.lines().forEach(lines::add);
        if (notice.link() == null) {
            body.putNull("link");
        } else {
            body.put("link", notice.link());
        }
        body.set("data", parse(notice.payloadJson()));
        return MAPPER.writeValueAsString(body);
    }

    static String slack(List<ClaimedNotice> notices) {
        ObjectNode body = MAPPER.createObjectNode();
        ClaimedNotice first = notices.getFirst();
        body.put("text", first.title());
        ArrayNode blocks = body.putArray("blocks");
        for (ClaimedNotice notice : notices) {
            StringBuilder text =
                    new StringBuilder("*").append(escape(notice.title())).append('*');
            List<String> lines = notice.lines();
            lines.stream()
                    .limit(SLACK_LINES)
                    .forEach(line -> text.append("\n• ").append(escape(line)));
            if (lines.size() > SLACK_LINES) {
                text.append("\n… and ").append(lines.size() - SLACK_LINES).append(" more");
            }
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", text.toString());
            if (notice.link() != null) {
                ObjectNode actions = blocks.addObject().put("type", "actions");
                ObjectNode button = actions.putArray("elements").addObject().put("type", "button");
                button.putObject("text").put("type", "plain_text").put("text", "Open the console");
                button.put("url", notice.link());
            }
        }
        return MAPPER.writeValueAsString(body);
    }

    /** Slack's mrkdwn escapes: {@code &}, {@code <}, {@code >}. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }
}
