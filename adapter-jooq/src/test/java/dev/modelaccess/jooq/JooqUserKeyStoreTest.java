package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.keys.NewUserKey;
import dev.modelaccess.core.keys.StoredUserKey;
import dev.modelaccess.core.keys.UserKeyStore;
import dev.modelaccess.core.keys.UserKeys;
import dev.modelaccess.core.port.KeyVerification;
import dev.modelaccess.testsupport.keys.UserKeyStoreContract;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import dev.modelaccess.tink.KeysetTool;
import dev.modelaccess.tink.TinkSecretCipher;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class JooqUserKeyStoreTest extends UserKeyStoreContract {

    static final String API_KEY = "sk-or-v1-9f3c1e0b7a5d4c2b8e6f0a1d3c5b7e9f2a4c6e8b0d1f3a5c7e9b2d4f6a8c0e6e7";

    static TestSchema schema;
    static UserKeyStore store;

    @BeforeAll
    static void migrate() {
        ModelAccessSchema.migrate(schema.dataSource());
        store = JooqModelAccess.of(schema.dataSource()).userKeys();
    }

    @Override
    protected UserKeyStore store() {
        return store;
    }

    static UserKeys userKeys(TinkSecretCipher cipher) {
        return new UserKeys(
                store,
                cipher,
                apiKey ->
                        new KeyVerification.Valid("sk-or-v1-9f3...6e7", null, null, null, BigDecimal.ZERO, false, null),
                Clock.systemUTC());
    }

    @Test
    void thePlaintextKeyNeverAppearsInTheTable() throws SQLException {
        TinkSecretCipher cipher = TinkSecretCipher.fromBase64Keyset(KeysetTool.generate());
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        userKeys(cipher).save(alice, API_KEY);
        userKeys(cipher).save(bob, API_KEY);

        List<String> rows = tableAsText();

        assertThat(rows).hasSize(2);
        String secretPart = API_KEY.substring("sk-or-v1-".length());
        for (String row : rows) {
            assertThat(row).contains("sk-or-v1-…6e7").doesNotContain(API_KEY).doesNotContain(secretPart);
            for (int i = 0; i + 8 <= secretPart.length(); i += 4) {
                assertThat(row).doesNotContain(secretPart.substring(i, i + 8));
            }
        }
    }

    @Test
    void keysSurviveARotationAndTheReencryptJobOnPostgres() {
        String keyset = KeysetTool.generate();
        TinkSecretCipher before = TinkSecretCipher.fromBase64Keyset(keyset);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID user = UUID.randomUUID();
            users.add(user);
            userKeys(before).save(user, API_KEY);
        }
        TinkSecretCipher after = TinkSecretCipher.fromBase64Keyset(KeysetTool.rotate(keyset));
        UserKeys keys = userKeys(after);

        assertThat(keys.reencryptAll().reencrypted()).isEqualTo(5);
        assertThat(keys.reencryptAll().examined())
                .as("a second pass finds nothing")
                .isZero();

        for (UUID user : users) {
            StoredUserKey row = store.find(user).orElseThrow();
            assertThat(row.keyId()).isEqualTo(after.primaryKeyId());
            assertThat(after.keyIdOf(row.encryptedApiKey())).isEqualTo(after.primaryKeyId());
            assertThat(keys.decryptFor(user).value()).isEqualTo(API_KEY);
        }
    }

    @Test
    void updatedAtMovesWithEveryChangeAndCreatedAtStays() {
        StoredUserKey stored = store.upsert(key(LOW, "v1:1:cipher-aaa", "1"));

        StoredUserKey off = store.setEnabled(LOW, false).orElseThrow();

        assertThat(off.updatedAt()).isAfter(stored.updatedAt());
        assertThat(off.createdAt()).isEqualTo(stored.createdAt());
    }

    @Test
    void aValueTheTableRefusesBecomesAStoreExceptionWithItsSqlState() {
        assertThatThrownBy(() -> store.upsert(new NewUserKey(LOW, "", "1", "sk-or-v1-…aaa", VERIFIED_AT)))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.sqlState()).isEqualTo("23514"))
                .hasMessageStartingWith("Could not store the OpenRouter key of user " + LOW);
    }

    @Test
    void aSchemaWithoutTheTableBecomesAStoreException() {
        UserKeyStore unmigrated =
                JooqModelAccess.of(schema.createSchema().dataSource()).userKeys();

        assertThatThrownBy(() -> unmigrated.find(LOW))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.sqlState()).isEqualTo("42P01"));
    }

    private static List<String> tableAsText() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = schema.openConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select t::text from user_openrouter_integrations t")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
