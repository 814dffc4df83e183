package dev.modelaccess.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void aValueUpToTheLimitIsQuotedWholeALongerOneIsCutWithAnEllipsis() {
        assertThat(Messages.abbreviate("m".repeat(200))).isEqualTo("m".repeat(200));
        assertThat(Messages.abbreviate("m".repeat(201))).isEqualTo("m".repeat(200) + "…");
        assertThat(Messages.abbreviate("")).isEmpty();
    }
}
