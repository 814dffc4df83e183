package dev.modelaccess.openrouter;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.net.URI;

/** The OpenRouter endpoints this library calls, as a Feign interface. */
@Headers("Accept: application/json")
interface OpenRouterApi {

    /** The first page of the catalog. */
    @RequestLine("GET /models?output_modalities={outputModalities}")
    ModelsPage firstModelsPage(@Param("outputModalities") String outputModalities);

    /** A further page, at the absolute URL {@code links.next} resolved to. */
    @RequestLine("GET")
    ModelsPage modelsPage(URI page);

    /** The key the request is authenticated with. The key travels only in this header. */
    @RequestLine("GET /key")
    @Headers("Authorization: Bearer {apiKey}")
    KeyResponse currentKey(@Param("apiKey") String apiKey);

    /** One chat completion, paid for by the key it is sent with; the encoder writes {@code body} as JSON. */
    @RequestLine("POST /chat/completions")
    @Headers({"Authorization: Bearer {apiKey}", "Content-Type: application/json"})
    ChatResponse chatCompletion(@Param("apiKey") String apiKey, ChatCompletionBody.Request body);
}
