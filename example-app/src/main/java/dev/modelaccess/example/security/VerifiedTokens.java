package dev.modelaccess.example.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers, briefly, the tokens whose signature it has verified, keyed by the exact token
 * string: parsing, the HMAC check and the claims conversion were about a sixth of {@code GET /api/models}'s CPU time
 * under load, for the same token again and again. What it remembers is the token's {@link JwtPrincipal}, so the
 * authentication's principal is not copied per request either. The claims checks (expiry, not-before, audience,
 * issuer, subject) still run on every call, so a token is refused at the same instant as without this cache. A token
 * that fails to parse or verify is never remembered. Bounded in size and age.
 *
 * <p>Used for the HS256 secret only: the secret cannot change while the application runs, so a token verified once
 * verifies again. JWKS keys rotate, and their decoder is left as it is.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier parses the token and checks its signature, without checking its claims
     * @param validator the claims checks, run on every call
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int maximumSize, Duration maximumAge) {
        this(verifier, validator, maximumSize, maximumAge, Ticker.systemTicker());
    }

    VerifiedTokens(
            JwtDecoder verifier,
            OAuth2TokenValidator<Jwt> validator,
            int maximumSize,
            Duration maximumAge,
            Ticker ticker) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(maximumAge)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token, verifiedToken -> JwtPrincipal.of(verifier.decode(verifiedToken)));
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            // As NimbusJwtDecoder reports a failed check (the same exception type and message).
            String description = result.getErrors().stream()
                    .map(OAuth2Error::getDescription)
                    .filter(text -> text != null && !text.isEmpty())
                    .findFirst()
                    .orElse("Unable to validate Jwt");
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: " + description, result.getErrors());
        }
        return jwt;
    }

    /** How many verified tokens are remembered now (for tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
