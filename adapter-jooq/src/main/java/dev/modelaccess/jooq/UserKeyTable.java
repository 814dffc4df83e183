package dev.modelaccess.jooq;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** {@code user_openrouter_integrations} (migration V10), by name: unqualified, so it follows the search path. */
final class UserKeyTable {

    static final Table<Record> TABLE = table(name("user_openrouter_integrations"));
    static final Field<UUID> USER_ID = field(name("user_id"), SQLDataType.UUID.notNull());
    static final Field<String> ENCRYPTED_API_KEY = field(name("encrypted_api_key"), SQLDataType.CLOB.notNull());
    static final Field<String> KEY_HINT = field(name("key_hint"), SQLDataType.CLOB.notNull());
    static final Field<String> KEY_ID = field(name("key_id"), SQLDataType.CLOB.notNull());
    static final Field<Boolean> IS_VALID = field(name("is_valid"), SQLDataType.BOOLEAN.notNull());
    static final Field<Instant> LAST_VERIFIED_AT = field(name("last_verified_at"), SQLDataType.INSTANT);
    static final Field<Boolean> IS_ENABLED = field(name("is_enabled"), SQLDataType.BOOLEAN.notNull());
    static final Field<Instant> CREATED_AT = field(name("created_at"), SQLDataType.INSTANT.notNull());
    static final Field<Instant> UPDATED_AT = field(name("updated_at"), SQLDataType.INSTANT.notNull());

    /** Every column, in the order of {@link dev.modelaccess.core.keys.StoredUserKey}'s components. */
    static final Field<?>[] ROW = {
        USER_ID, ENCRYPTED_API_KEY, KEY_ID, KEY_HINT, IS_VALID, LAST_VERIFIED_AT, IS_ENABLED, CREATED_AT, UPDATED_AT
    };

    private UserKeyTable() {}
}
