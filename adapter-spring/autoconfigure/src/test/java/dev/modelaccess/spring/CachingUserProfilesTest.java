package dev.modelaccess.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.StoreException;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.port.UserProfile;
import dev.modelaccess.core.port.UserProfiles;
import dev.modelaccess.jooq.JooqModelAccess;
import dev.modelaccess.testsupport.postgres.WithPostgres;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;

/** {@link CachingUserProfiles}, and the jOOQ profiles behind a {@code DSLContext} as Spring Boot configures it. */
@WithPostgres
class CachingUserProfilesTest {

    private static final UUID PRO = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID NOBODY = UUID.fromString("33333333-3333-4333-8333-333333333333");

    DataSource dataSource;

    /** Spring Boot's jOOQ auto-configuration translates jOOQ's exceptions into Spring's: still a StoreException. */
    @Test
    void aDatabaseFailureTranslatedBySpringIsAStoreException() {
        DSLContext springs = DSL.using(dataSource, SQLDialect.POSTGRES);
        springs.configuration().set(ExceptionTranslatorExecuteListener.DEFAULT);
        UserProfiles missing = JooqModelAccess.of(dataSource, springs)
                .userProfiles(new JooqModelAccess.ProfileTable("no_such_table", "id", "tier", "default_model"));

        assertThatThrownBy(() -> missing.find(PRO))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(PRO.toString())
                .hasCauseInstanceOf(org.springframework.dao.DataAccessException.class)
                .satisfies(e -> assertThat(((StoreException) e).sqlState()).isEqualTo("42P01"));
        assertThatThrownBy(() -> missing.setDefaultModel(PRO, "a/b"))
                .isInstanceOf(StoreException.class)
                .hasCauseInstanceOf(org.springframework.dao.DataAccessException.class);
    }

    @Test
    void whileTheDatabaseFailsARecentlyReadProfileIsAnsweredFromMemoryUntilMaxStale() {
        MapUserProfiles backing = new MapUserProfiles();
        backing.profiles.put(PRO, new UserProfile(PRO, Tier.PRO, "a/b"));
        FakeTicker ticker = new FakeTicker();
        CachingUserProfiles cached = new CachingUserProfiles(
                backing, Duration.ofSeconds(5), Duration.ofMinutes(5), 100, ticker, Runnable::run);
        UserProfile pro = cached.find(PRO).orElseThrow();

        backing.failure = StoreException.of("the database is down");
        ticker.advance(Duration.ofSeconds(6));
        assertThat(cached.find(PRO)).contains(pro);
        assertThat(backing.reads).hasValue(2);
        assertThatThrownBy(() -> cached.find(NOBODY)).isInstanceOf(StoreException.class);

        ticker.advance(Duration.ofSeconds(1));
        assertThat(cached.find(PRO))
                .as("answered at once, no query while failing")
                .contains(pro);
        assertThat(backing.reads).hasValue(3);

        ticker.advance(Duration.ofSeconds(5));
        assertThat(cached.find(PRO))
                .as("answered from memory, read again in the background")
                .contains(pro);
        assertThat(backing.reads).hasValue(4);

        ticker.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> cached.find(PRO)).as("older than max-stale").isInstanceOf(StoreException.class);

        backing.failure = null;
        backing.profiles.put(PRO, new UserProfile(PRO, Tier.FREE, null));
        assertThat(cached.find(PRO).orElseThrow().tier()).isEqualTo(Tier.FREE);
    }

    @Test
    void withMaxStaleEqualToTheTtlAFailureIsNeverAnsweredFromMemory() {
        MapUserProfiles backing = new MapUserProfiles();
        backing.profiles.put(PRO, new UserProfile(PRO, Tier.PRO, null));
        FakeTicker ticker = new FakeTicker();
        CachingUserProfiles cached = new CachingUserProfiles(
                backing, Duration.ofSeconds(5), Duration.ofSeconds(5), 100, ticker, Runnable::run);
        cached.find(PRO);

        backing.failure = StoreException.of("the database is down");
        ticker.advance(Duration.ofSeconds(5));

        assertThatThrownBy(() -> cached.find(PRO)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> new CachingUserProfiles(backing, Duration.ofSeconds(5), Duration.ofSeconds(4), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modelaccess.profiles.max-stale");
    }

    static final class FakeTicker implements com.github.benmanes.caffeine.cache.Ticker {
        private long nanos = 1_000_000_000L;

        void advance(Duration by) {
            nanos += by.toNanos();
        }

        @Override
        public long read() {
            return nanos;
        }
    }

    @Test
    void theCacheReadsEachProfileOncePerTtlAndForgetsItWhenTheDefaultChanges() {
        MapUserProfiles backing = new MapUserProfiles();
        backing.profiles.put(PRO, new UserProfile(PRO, Tier.PRO, null));
        CachingUserProfiles cached = new CachingUserProfiles(backing, Duration.ofMinutes(1), 100);

        cached.find(PRO);
        cached.find(PRO);
        cached.find(NOBODY);
        cached.find(NOBODY);
        assertThat(backing.reads).hasValue(2);

        cached.setDefaultModel(PRO, "a/b");
        assertThat(cached.find(PRO).orElseThrow().defaultModel()).isEqualTo("a/b");
        assertThat(backing.reads).hasValue(3);
    }
}
