package dev.modelaccess.example.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.port.ChatParams;
import dev.modelaccess.core.resources.OpenRouterInstantConfig;
import dev.modelaccess.core.resources.ResourceValidationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenRouterConfigJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MODEL = "openai/gpt-4o-mini";

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void aFullConfigurationIsRead() {
        OpenRouterInstantConfig config = OpenRouterConfigJson.fromRequest(MODEL, json("""
                        {"systemPrompt":"Be brief.","params":{"temperature":0.7,"maxTokens":256,"topP":1,"topK":40,
                         "frequencyPenalty":-0.5,"presencePenalty":0}}"""));

        assertThat(config)
                .isEqualTo(
                        new OpenRouterInstantConfig(MODEL, "Be brief.", new ChatParams(0.7, 256, 1.0, 40, -0.5, 0.0)));
    }

    @Test
    void whatIsLeftOutIsNotSetAndTheModelIsTrimmed() {
        assertThat(OpenRouterConfigJson.fromRequest(" " + MODEL + " ", null))
                .isEqualTo(new OpenRouterInstantConfig(MODEL, null, ChatParams.DEFAULTS));
        assertThat(OpenRouterConfigJson.fromRequest(MODEL, json("{}")))
                .isEqualTo(new OpenRouterInstantConfig(MODEL, null, ChatParams.DEFAULTS));
        assertThat(OpenRouterConfigJson.fromRequest(MODEL, json("{\"systemPrompt\":null,\"params\":null}")))
                .isEqualTo(new OpenRouterInstantConfig(MODEL, null, ChatParams.DEFAULTS));
    }

    @Test
    void aMissingModelIsLeftForTheUseCaseToReport() {
        assertThat(OpenRouterConfigJson.fromRequest(null, null).problems()).containsExactly("model: is missing");
    }

    @Test
    void unknownKeysAndWrongTypesAreAllReported() {
        assertThatThrownBy(() -> OpenRouterConfigJson.fromRequest(MODEL, json("""
                                {"systemPrompt":42,"tools":[],"params":{"temperature":"hot","maxTokens":1.5,
                                 "top_p":0.9,"topK":99999999999}}""")))
                .isInstanceOfSatisfying(
                        ResourceValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "config.tools: is not a known setting (known: modelId, systemPrompt, params)",
                                        "config.systemPrompt: must be a string",
                                        "config.params.top_p: is not a known parameter (known: temperature, maxTokens, topP,"
                                                + " topK, frequencyPenalty, presencePenalty)",
                                        "config.params.temperature: must be a number",
                                        "config.params.maxTokens: must be a whole number",
                                        "config.params.topK: must be a whole number that fits in 32 bits"));
    }

    @Test
    void aConfigOrParamsThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> OpenRouterConfigJson.fromRequest(MODEL, json("[1,2]")))
                .hasMessage("config: must be a JSON object");
        assertThatThrownBy(() -> OpenRouterConfigJson.fromRequest(MODEL, json("{\"params\":[]}")))
                .hasMessage("config.params: must be a JSON object");
    }

    @Test
    void aModelIdInTheConfigMustMatchTheModel() {
        assertThat(OpenRouterConfigJson.fromRequest(MODEL, json("{\"modelId\":\"" + MODEL + "\"}"))
                        .modelId())
                .isEqualTo(MODEL);
        assertThatThrownBy(() -> OpenRouterConfigJson.fromRequest(MODEL, json("{\"modelId\":\"other/model\"}")))
                .hasMessage("config.modelId: must be left out or equal to model");
    }

    @Test
    void hostileKeysAreShownShortAndPrintable() {
        assertThatThrownBy(
                        () -> OpenRouterConfigJson.fromRequest(MODEL, json("{\"a\\u0000" + "b".repeat(100) + "\":1}")))
                .hasMessageStartingWith("config.a?" + "b".repeat(48) + "…: is not a known setting");
    }

    @Test
    void whatIsWrittenIsReadBack() {
        OpenRouterInstantConfig config = new OpenRouterInstantConfig(
                MODEL, "Prompt \"quoted\" 🙂", new ChatParams(0.1, 5, null, null, 2.0, null));

        assertThat(OpenRouterConfigJson.fromStored(OpenRouterConfigJson.toText(config)))
                .isEqualTo(config);
        assertThat(OpenRouterConfigJson.fromRequest(MODEL, OpenRouterConfigJson.toJson(config)))
                .isEqualTo(config);
    }

    @Test
    void storedJsonIsReadLeniently() {
        assertThat(OpenRouterConfigJson.fromStored(
                        "{\"modelId\":\"a/b\",\"future\":true,\"params\":{\"temperature\":\"x\",\"maxTokens\":7}}"))
                .isEqualTo(new OpenRouterInstantConfig("a/b", null, new ChatParams(null, 7, null, null, null, null)));
    }
}
