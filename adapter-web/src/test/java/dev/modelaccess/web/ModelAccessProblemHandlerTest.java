package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.modelaccess.core.LifecycleViolationException;
import dev.modelaccess.core.ModelNotFoundException;
import dev.modelaccess.core.access.ModelNotAllowedException;
import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.keys.MalformedApiKeyException;
import dev.modelaccess.core.resources.ResourceLimitReachedException;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

    @Test
    void anIdThatIsNoSafeAuthorSlashSlugIs400NamingTheField() {
        assertThat(InvalidModelIdException.requireSafe("openai/gpt-4o", "id")).isEqualTo("openai/gpt-4o");
        assertThatThrownBy(() -> InvalidModelIdException.requireSafe("evil/../openai", "models[2]"))
                .isInstanceOfSatisfying(InvalidModelIdException.class, e -> {
                    ProblemDetail problem = new ModelAccessProblemHandler().invalidModelId(e);
                    assertThat(problem.getStatus()).isEqualTo(400);
                    assertThat(problem.getProperties()).containsEntry("field", "models[2]");
                    assertThat(problem.getDetail())
                            .isEqualTo("models[2] is not a valid model id (author/slug): it is not of the form"
                                    + " author/slug (exactly one /)");
                });
    }

    @Test
    void aPathIdOfTheWrongShapeIs400NamingTheField() {
        ProblemDetail problem = new ModelAccessProblemHandler()
                .invalidId(new InvalidIdException("id", "id must be a notification's UUID"));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).containsEntry("field", "id");
        assertThat(problem.getDetail()).isEqualTo("id must be a notification's UUID");
    }

    @Test
    void theResourceLimitIs422NamingTheLimit() {
        ProblemDetail problem = new ModelAccessProblemHandler()
                .resourceLimitReached(new ResourceLimitReachedException(UUID.randomUUID(), 100));

        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getProperties()).containsEntry("limit", 100);
        assertThat(problem.getDetail()).contains("at most 100 resources");
    }

    @Test
    void aPageLimitOutsideOneToOneHundredIsRefused() {
        assertThat(PageLimit.check(1)).isEqualTo(1);
        assertThat(PageLimit.check(100)).isEqualTo(100);
        for (int limit : new int[] {0, -1, 101, 1000}) {
            assertThatThrownBy(() -> PageLimit.check(limit))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("limit must be between 1 and 100, was " + limit);
        }
    }
}
