package dev.modelaccess.web;

import dev.modelaccess.core.notify.NoticeKind;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The notification webhook's JSON payloads as OpenAPI components, so that a receiver can generate its types and any
 * Standard Webhooks library can verify what it gets: {@code WebhookEvent} (one of the six events, told apart by
 * {@code type}), an event per notice kind, and the {@code data} of each. The webhook is sent by the host to the
 * receiver, so these are components only, referenced by no operation of the API.
 */
public final class WebhookPayloadsOpenApi implements OpenApiCustomizer {

    /** The envelope every event shares. */
    static final String ENVELOPE = "WebhookEventEnvelope";
    /** Any event: one of the six, by {@code type}. */
    static final String EVENT = "WebhookEvent";

    private static final String REF = "#/components/schemas/";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        components.addSchemas(ENVELOPE, envelope());
        Map<String, String> mapping = new LinkedHashMap<>();
        ComposedSchema any = new ComposedSchema();
        for (Map.Entry<NoticeKind, Schema<?>> kind : data().entrySet()) {
            String name = name(kind.getKey());
            components.addSchemas(name + "Data", kind.getValue());
            components.addSchemas(name + "Event", event(kind.getKey(), name + "Data"));
            any.addOneOfItem(new Schema<>().$ref(REF + name + "Event"));
            mapping.put(kind.getKey().type(), REF + name + "Event");
        }
        any.discriminator(new Discriminator().propertyName("type").mapping(mapping));
        any.description("A notification webhook's body (POST, application/json), signed per the Standard Webhooks"
                + " specification: the headers webhook-id (the notice's id, the same on every retry; deduplicate on"
                + " it), webhook-timestamp (Unix seconds) and webhook-signature ('v1,' + base64 of HMAC-SHA256 under"
                + " the whsec_ secret's bytes, over id + '.' + timestamp + '.' + the raw body).");
        components.addSchemas(EVENT, any);
    }

    /** {@code MODELS_AWAITING_REVIEW} -> {@code ModelsAwaitingReview}. */
    static String name(NoticeKind kind) {
        StringBuilder name = new StringBuilder();
        for (String word : kind.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }

    private static Schema<?> envelope() {
        ObjectSchema envelope = new ObjectSchema();
        envelope.description("What every webhook event holds; data depends on type")
                .addProperty("id", new UUIDSchema().description("The notice's id, also the webhook-id header"))
                .addProperty(
                        "type",
                        new StringSchema()
                                ._enum(java.util.Arrays.stream(NoticeKind.values())
                                        .map(NoticeKind::type)
                                        .toList()))
                .addProperty("timestamp", new DateTimeSchema().description("When the notice was written"))
                .addProperty("title", new StringSchema().description("One line for people"))
                .addProperty(
                        "lines",
                        new ArraySchema()
                                .items(new StringSchema())
                                .maxItems(20)
                                .description("A few more lines for people, e.g. model ids"))
                .addProperty(
                        "link",
                        new StringSchema()
                                .nullable(true)
                                .description("Where the console shows it; null when no console-url is configured"));
        envelope.required(List.of("id", "type", "timestamp", "title", "lines", "link", "data"));
        return envelope;
    }

    private static Schema<?> event(NoticeKind kind, String data) {
        return new ComposedSchema()
                .addAllOfItem(new Schema<>().$ref(REF + ENVELOPE))
                .addAllOfItem(new ObjectSchema()
                        .addProperty("type", new StringSchema()._enum(List.of(kind.type())))
                        .addProperty("data", new Schema<>().$ref(REF + data)))
                .description("The webhook event of type " + kind.type());
    }

    private static Map<NoticeKind, Schema<?>> data() {
        Map<NoticeKind, Schema<?>> data = new LinkedHashMap<>();
        data.put(
                NoticeKind.MODELS_AWAITING_REVIEW,
                listed("Models a sync added that wait for an admin's review", model())
                        .addProperty("review_url", new StringSchema().nullable(true)));
        data.put(
                NoticeKind.MODELS_VANISHED,
                listed(
                                "Models gone upstream, with how many users have them as their default and how many"
                                        + " resources are bound (null when the host does not say)",
                                model().addProperty("previous_status", new StringSchema())
                                        .addProperty("users_with_default", count())
                                        .addProperty("bound_resources", count()))
                        .addProperty("users_with_default", count())
                        .addProperty("bound_resources", count())
                        .addProperty(
                                "usage_known",
                                new ObjectSchema()
                                        .addProperty("users_with_default", new BooleanSchema())
                                        .addProperty("bound_resources", new BooleanSchema())));
        data.put(
                NoticeKind.PRICES_CHANGED,
                listed(
                                "Models whose price components moved beyond the threshold",
                                model().addProperty("status", new StringSchema())
                                        .addProperty(
                                                "changes",
                                                new ArraySchema()
                                                        .items(new ObjectSchema()
                                                                .addProperty("component", new StringSchema())
                                                                .addProperty("from", decimal())
                                                                .addProperty("to", decimal())
                                                                .addProperty("relative_change", decimal()))))
                        .addProperty("threshold", decimal()));
        data.put(
                NoticeKind.MODEL_EXPIRING,
                new ObjectSchema()
                        .description("A model whose expiration_date falls within a lead time (once per lead time)")
                        .addProperty("model_id", new StringSchema())
                        .addProperty("name", new StringSchema().nullable(true))
                        .addProperty("expiration_date", new DateSchema())
                        .addProperty("days_left", new IntegerSchema())
                        .addProperty("lead_days", new IntegerSchema())
                        .addProperty("status", new StringSchema()));
        data.put(
                NoticeKind.SYNC_FAILED,
                new ObjectSchema()
                        .description("A sync that failed, or that a guard stopped")
                        .addProperty("sync_run_id", new UUIDSchema())
                        .addProperty("status", new StringSchema()._enum(List.of("failed", "aborted")))
                        .addProperty("trigger", new StringSchema())
                        .addProperty("started_at", new DateTimeSchema())
                        .addProperty("error", new StringSchema().nullable(true)));
        data.put(
                NoticeKind.KEYS_REVOKED,
                new ObjectSchema()
                        .description("Keys a re-verification found revoked: counts only, never a key or a user id")
                        .addProperty("revoked", new IntegerSchema())
                        .addProperty("checked", new IntegerSchema()));
        if (data.size() != NoticeKind.values().length) {
            throw new IllegalStateException("Every notice kind needs its payload's schema");
        }
        return data;
    }

    /** A list of models cut at 500, with the full count. */
    private static ObjectSchema listed(String description, Schema<?> model) {
        return (ObjectSchema) new ObjectSchema()
                .description(description)
                .addProperty("sync_run_id", new UUIDSchema())
                .addProperty("count", new IntegerSchema().description("The full number, even when the list is cut"))
                .addProperty("models", new ArraySchema().items(model).maxItems(500))
                .addProperty("truncated", new BooleanSchema().description("Whether models lists only the first 500"));
    }

    private static Schema<?> model() {
        return new ObjectSchema()
                .addProperty("id", new StringSchema().example("openai/gpt-4o"))
                .addProperty("name", new StringSchema().nullable(true));
    }

    private static Schema<?> count() {
        return new IntegerSchema().nullable(true);
    }

    private static Schema<?> decimal() {
        return new StringSchema().nullable(true).description("A decimal number, as a string");
    }
}
