package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.access.ModelNotAllowedException;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.keys.MalformedApiKeyException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.ProblemDetail;

/** The failures answered with their own message, each with its status. */
class ModelAccessProblemHandlerTest {

    static Stream<Arguments> failuresToldAsIs() {
        return Stream.of(
                argumentSet("an unknown model", new ModelNotFoundException("a/b"), 404),
                argumentSet("an unknown route target", new NotFoundException("No such run"), 404),
                argumentSet(
                        "a status change the lifecycle forbids",
                        new LifecycleViolationException("a/b", ModelStatus.ACTIVE, ModelStatus.NEW),
                        409),
                argumentSet("a model the tier may not use", new ModelNotAllowedException("a/b", Tier.FREE), 422),
                argumentSet("invalid values", new InvalidRequestException("limit must be positive"), 422),
                argumentSet("a value not shaped like a key", new MalformedApiKeyException("not a key"), 422));
    }

    @ParameterizedTest
    @MethodSource("failuresToldAsIs")
    void aFailureToldAsIsAnswersItsStatusWithItsOwnMessage(Exception failure, int status) {
        ProblemDetail problem = new ModelAccessProblemHandler().toldAsIs(failure);

        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getDetail()).isEqualTo(failure.getMessage());
    }
}
