package dev.modelaccess.it;

import java.util.ArrayList;
import java.util.List;

/** Small OpenRouter-shaped models responses written for these tests. */
final class Fixtures {

    private Fixtures() {}

    /** {@code count} models {@code test/model-0 …}, priced from {@code price}, as OpenRouter would list them. */
    static String catalog(int count, String price) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(model("test/model-" + i, "Model " + i, price));
        }
        return page(entries, null, null);
    }

    static String model(String id, String name, String prompt) {
        return """
                {"id":"%s","canonical_slug":"%s-20260101","hugging_face_id":"","name":"%s","created":1767225600,\
                "description":"A model written for the tests.","context_length":128000,\
                "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"],\
                "tokenizer":"Other","instruct_type":null},\
                "pricing":{"prompt":"%s","completion":"0.000002"},\
                "top_provider":{"context_length":128000,"max_completion_tokens":4096,"is_moderated":false},\
                "per_request_limits":null,"supported_parameters":["max_tokens","temperature"],\
                "default_parameters":{},"expiration_date":null}""".formatted(id, id, name, prompt);
    }

    static String page(List<String> entries, String next, Integer totalCount) {
        StringBuilder json = new StringBuilder("{\"data\":[")
                .append(String.join(",", entries))
                .append(']');
        if (totalCount != null) {
            json.append(",\"total_count\":").append(totalCount);
        }
        if (next != null) {
            json.append(",\"links\":{\"next\":\"").append(next).append("\"}");
        }
        return json.append('}').toString();
    }
}
