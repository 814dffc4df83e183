package dev.modelaccess.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The values of {@code COPY}'s text format, as PostgreSQL's manual defines them: backslash, tab, line feed and carriage
 * return escaped with a backslash, {@code \N} for null, everything else as it is. The real {@code COPY} of such values
 * is in {@link SyncAtScaleTest}.
 */
class SyncCopyTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            plain                      | openai/gpt-4o                       | openai/gpt-4o
            empty                      | ''                                  | ''
            backslash first            | \\N                                 | \\\\N
            backslash last             | ends in \\                          | ends in \\\\
            only specials              | \\<TAB><LF><CR>                     | \\\\\\t\\n\\r
            specials side by side      | a<TAB><TAB>b<LF><LF>c               | a\\t\\tb\\n\\nc
            text between specials      | {"a":"x\\"y"}<LF>line two<CR>end    | {"a":"x\\\\"y"}\\nline two\\rend
            non-ASCII around a special | ünï<TAB>cödé 🚀                     | ünï\\tcödé 🚀
            """)
    void textIsEscapedAsCopyTextFormatWants(String what, String value, String expected) {
        StringBuilder row = new StringBuilder("before|");

        SyncCopy.append(row, controls(value));

        assertThat(row.toString()).as(what).isEqualTo("before|" + expected);
    }

    @Test
    void otherValuesAreWrittenAsPostgresqlReadsThem() {
        StringBuilder row = new StringBuilder();

        SyncCopy.append(row, null);
        row.append('|');
        SyncCopy.append(row, new BigDecimal("1E-7"));
        row.append('|');
        SyncCopy.append(row, true);
        row.append('|');
        SyncCopy.append(row, 131_072L);
        row.append('|');
        SyncCopy.append(row, OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC));

        assertThat(row.toString()).isEqualTo("\\N|0.0000001|t|131072|2026-03-01T10:00:00Z");
    }

    @Test
    void aValueOfAnotherTypeIsRefused() {
        assertThatThrownBy(() -> SyncCopy.append(new StringBuilder(), 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }

    /** {@code <TAB>}, {@code <LF>} and {@code <CR>} in the table above are those characters. */
    private static String controls(String value) {
        return value.replace("<TAB>", "\t").replace("<LF>", "\n").replace("<CR>", "\r");
    }
}
