package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.ModelAccessException;
import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.testsupport.postgres.TestSchema;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithPostgres
class JooqUserProfilesTest {

    private static final UUID PRO = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID ODD = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final UUID NOBODY = UUID.fromString("33333333-3333-4333-8333-333333333333");

    DataSource dataSource;
    TestSchema schema;

    @BeforeEach
    void createTables() throws SQLException {
        schema.execute("""
                drop table if exists profiles, "Team Plans";
                create table profiles (id uuid primary key, tier text not null default 'free', default_model text);
                insert into profiles values ('%s', 'pro', 'openai/gpt-4o'), ('%s', 'platinum', null);
                create table "Team Plans" ("User" uuid primary key, "Plan" text, "Model" text);
                insert into "Team Plans" values ('%s', 'ENTERPRISE', 'x/y');
                """.formatted(PRO, ODD, PRO));
    }

    private UserProfiles profiles() {
        return profiles(JooqModelAccess.ProfileTable.DEFAULT);
    }

    private UserProfiles profiles(JooqModelAccess.ProfileTable table) {
        return JooqModelAccess.of(dataSource).userProfiles(table);
    }

    @Test
    void aProfileRowGivesTierAndDefaultModel() {
        assertThat(profiles().find(PRO)).contains(new UserProfile(PRO, Tier.PRO, "openai/gpt-4o"));
    }

    @Test
    void noRowMeansNoProfile() {
        assertThat(profiles().find(NOBODY)).isEmpty();
    }

    @Test
    void anUnknownTierValueCountsAsFree() {
        assertThat(profiles().find(ODD).orElseThrow().tier()).isEqualTo(Tier.FREE);
    }

    @Test
    void settingTheDefaultUpdatesTheRowOrCreatesOne() {
        UserProfiles profiles = profiles();

        profiles.setDefaultModel(PRO, "meta-llama/llama-3.3-70b-instruct:free");
        profiles.setDefaultModel(NOBODY, "~openai/gpt-mini-latest");

        assertThat(profiles.find(PRO).orElseThrow().defaultModel()).isEqualTo("meta-llama/llama-3.3-70b-instruct:free");
        assertThat(profiles.find(PRO).orElseThrow().tier()).isEqualTo(Tier.PRO);
        assertThat(profiles.find(NOBODY)).contains(new UserProfile(NOBODY, Tier.FREE, "~openai/gpt-mini-latest"));
    }

    @Test
    void hostileModelIdsAreStoredAsPlainText() {
        String hostile = "'; drop table profiles; --";

        profiles().setDefaultModel(PRO, hostile);

        assertThat(profiles().find(PRO).orElseThrow().defaultModel()).isEqualTo(hostile);
    }

    @Test
    void tableAndColumnNamesAreConfigurableAndQuoted() {
        UserProfiles custom = profiles(new JooqModelAccess.ProfileTable("Team Plans", "User", "Plan", "Model"));

        assertThat(custom.find(PRO)).contains(new UserProfile(PRO, Tier.ENTERPRISE, "x/y"));
    }

    @Test
    void aMissingTableIsAModelAccessExceptionNamingTheUser() {
        UserProfiles missing =
                profiles(new JooqModelAccess.ProfileTable("no_such_table", "id", "tier", "default_model"));

        assertThatThrownBy(() -> missing.find(PRO))
                .isInstanceOf(ModelAccessException.class)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(PRO.toString());
    }
}
