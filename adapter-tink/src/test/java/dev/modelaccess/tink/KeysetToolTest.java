package dev.modelaccess.tink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysetToolTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String input, String... args) {
        return KeysetTool.run(
                args,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void generatePrintsAKeysetTheCipherAccepts() {
        assertThat(run("", "generate")).isZero();

        TinkSecretCipher cipher = TinkSecretCipher.fromBase64Keyset(out());
        UUID user = UUID.randomUUID();
        assertThat(cipher.decrypt(cipher.encrypt("secret", user), user)).isEqualTo("secret");
    }

    @Test
    void rotateReadsTheKeysetFromStandardInputAndAddsANewPrimaryKey() {
        String keyset = KeysetTool.generate();
        TinkSecretCipher before = TinkSecretCipher.fromBase64Keyset(keyset);

        assertThat(run(keyset + "\n", "rotate")).isZero();

        TinkSecretCipher after = TinkSecretCipher.fromBase64Keyset(out());
        assertThat(after.keyIds()).hasSize(2).contains(before.primaryKeyId());
        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
    }

    @Test
    void describeListsKeyIdsAndStatusButNoSecret() {
        String keyset = KeysetTool.generate();
        String id = TinkSecretCipher.fromBase64Keyset(keyset).primaryKeyId();

        assertThat(run(keyset, "describe")).isZero();

        assertThat(out())
                .isEqualTo("primary key id: " + id + System.lineSeparator() + "key " + id + " ENABLED primary")
                .doesNotContain(keyset.substring(0, 20));
    }

    @Test
    void aBadKeysetOnStandardInputFailsWithAMessage() {
        assertThat(run("garbage", "describe")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("keyset");
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownOrMissingCommandsPrintUsage() {
        assertThat(run("", "export")).isEqualTo(2);
        assertThat(run("")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: KeysetTool generate");
    }
}
