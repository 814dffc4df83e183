package dev.modelaccess.example.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TokenKeysTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static AppSecurityProperties properties(@Nullable String secret, @Nullable URI jwkSetUri) {
        return new AppSecurityProperties(secret, jwkSetUri, AppSecurityProperties.DEFAULT_AUDIENCE, null);
    }

    @Test
    void aSecretOfAtLeast32BytesIsUsedAsItsUtf8Bytes() {
        TokenKeys keys = TokenKeys.resolve(properties(SECRET, null), false);

        assertThat(keys.hmacSecret())
                .hasValueSatisfying(secret -> assertThat(secret).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(keys.generated()).isFalse();
    }

    @Test
    void aShorterSecretIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> TokenKeys.resolve(properties("too-short-secret", null), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("too-short-secret");
    }

    @Test
    void aJwksUriIsUsedInsteadOfASecret() {
        TokenKeys keys = TokenKeys.resolve(properties(null, URI.create("https://issuer.example/jwks")), false);

        assertThat(keys.hmacSecret()).isEmpty();
        assertThat(keys.jwkSetUri()).isEqualTo(URI.create("https://issuer.example/jwks"));
    }

    @Test
    void bothAtOnceAreRefused() {
        assertThatThrownBy(
                        () -> TokenKeys.resolve(properties(SECRET, URI.create("https://issuer.example/jwks")), false))
                .hasMessageContaining("not both");
    }

    @Test
    void neitherIsRefusedOutsideTheDemoAndGeneratedInIt() {
        assertThatThrownBy(() -> TokenKeys.resolve(properties(" ", null), false))
                .hasMessageContaining("app.security.jwt-secret");

        TokenKeys demo = TokenKeys.resolve(properties(null, null), true);
        TokenKeys another = TokenKeys.resolve(properties(null, null), true);
        assertThat(demo.generated()).isTrue();
        assertThat(demo.hmacSecret())
                .hasValueSatisfying(secret -> assertThat(secret.length).isGreaterThanOrEqualTo(32));
        assertThat(demo).isNotEqualTo(another);
        assertThat(demo.toString()).doesNotContain(new String(demo.hmacSecret().orElseThrow(), StandardCharsets.UTF_8));
    }
}
