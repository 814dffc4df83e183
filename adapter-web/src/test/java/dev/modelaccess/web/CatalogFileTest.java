package dev.modelaccess.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelaccess.core.catalog.ModelStatus;
import dev.modelaccess.core.catalog.Tier;
import dev.modelaccess.core.catalog.TierFlags;
import dev.modelaccess.core.decisions.CatalogDecisions;
import dev.modelaccess.core.decisions.ModelDecision;
import dev.modelaccess.core.policy.CatalogRule;
import dev.modelaccess.core.policy.RuleAction;
import dev.modelaccess.core.policy.RuleMatch;
import dev.modelaccess.core.policy.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file format: what it writes reads back the same, in YAML and JSON, and 50,000 models fit the import limit. */
class CatalogFileTest {

    private final CatalogFile files =
            new CatalogFile(ModelAccessWebProperties.DEFAULT_MAX_IMPORT_SIZE_MB * 1024 * 1024);

    static CatalogDecisions sample() {
        return new CatalogDecisions(
                List.of(
                        new ModelDecision(
                                "meta-llama/llama-3.3-70b-instruct:free",
                                ModelStatus.ACTIVE,
                                new TierFlags(true, false, false),
                                null),
                        new ModelDecision("openai/gpt-4o", ModelStatus.DISABLED, TierFlags.NONE, "openai/gpt-5"),
                        new ModelDecision("openai/gpt-5", ModelStatus.ACTIVE, new TierFlags(false, true, true), null),
                        new ModelDecision("~openai/gpt-mini-latest", ModelStatus.NEW, TierFlags.NONE, null),
                        new ModelDecision("x/true", ModelStatus.INACTIVE, TierFlags.NONE, null)),
                RuleSet.of(List.of(
                        new CatalogRule(
                                "cheap",
                                new RuleMatch(
                                        RuleMatch.authorGlobs(List.of("openai/*")),
                                        null,
                                        null,
                                        null,
                                        null,
                                        new BigDecimal("0.25"),
                                        null,
                                        128_000L),
                                new RuleAction.Approve(new TierFlags(false, true, false))),
                        new CatalogRule("rest", RuleMatch.ANY, new RuleAction.Review()))),
                Map.of(Tier.PRO, "openai/gpt-5", Tier.FREE, "meta-llama/llama-3.3-70b-instruct:free"));
    }

    String write(CatalogDecisions decisions, boolean asJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.write(decisions, asJson, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    CatalogFile.Parsed read(String text, boolean asJson) {
        return files.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), asJson);
    }

    @ParameterizedTest(name = "json={0}")
    @ValueSource(booleans = {false, true})
    void whatIsWrittenReadsBackTheSame(boolean asJson) {
        String text = write(sample(), asJson);

        CatalogDecisions read = read(text, asJson).decisions();

        assertThat(read.models()).isEqualTo(sample().models());
        assertThat(read.rules()).isEqualTo(sample().rules());
        assertThat(read.tierDefaults()).isEqualTo(sample().tierDefaults());
        assertThat(write(read, asJson)).isEqualTo(text);
    }

    @Test
    void theYamlIsPlainAndOmitsWhatIsAbsent() {
        String yaml = write(sample(), false);

        assertThat(yaml)
                .startsWith("version: 1\nmodels:\n- id: meta-llama/llama-3.3-70b-instruct:free\n")
                .contains("- id: openai/gpt-4o\n  status: disabled\n  is_free: false\n  is_pro: false\n"
                        + "  is_enterprise: false\n  successor: openai/gpt-5\n")
                .contains("- id: x/true\n  status: inactive\n")
                .contains("max_prompt_price: \"0.25\"")
                .contains("- name: rest\n  match: {}\n  action: review\n")
                .endsWith("tier_defaults:\n  free: meta-llama/llama-3.3-70b-instruct:free\n  pro: openai/gpt-5\n");
        assertThat(yaml).doesNotContain("null").doesNotContain("authors: []");
    }

    @Test
    void anEmptyCatalogKeepsItsKeysSoThatImportingItClearsRulesAndTierDefaults() {
        String yaml = write(new CatalogDecisions(List.of(), RuleSet.EMPTY, Map.of()), false);

        assertThat(yaml).isEqualTo("version: 1\nmodels: []\nrules: []\ntier_defaults: {}\n");
        CatalogDecisions read = read(yaml, false).decisions();
        assertThat(read.rules()).isEqualTo(RuleSet.EMPTY);
        assertThat(read.tierDefaults()).isEmpty();
        assertThat(read("version: 1\n", false).decisions().rules())
                .as("no rules key: the rules are left as they are")
                .isNull();
    }

    @Test
    void fiftyThousandModelsFitTheImportLimitAndAreReadInOnePass() {
        List<ModelDecision> models = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            models.add(new ModelDecision(
                    "provider-%03d/a-rather-long-model-name-%05d:free".formatted(i % 300, i),
                    ModelStatus.ACTIVE,
                    new TierFlags(false, true, true),
                    i % 10 == 0 ? "provider-000/successor-%05d".formatted(i) : null));
        }
        CatalogDecisions catalog = new CatalogDecisions(models, RuleSet.EMPTY, Map.of());
        String yaml = write(catalog, false);
        String json = write(catalog, true);

        long started = System.nanoTime();
        CatalogFile.Parsed parsed = read(yaml, false);
        long readMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(parsed.decisions().models()).isEqualTo(models);
        assertThat(parsed.lineOf("models[49999].status")).isEqualTo(1 + 1 + 49_999 * 5 + 5_000 + 1);
        long limit = ModelAccessWebProperties.DEFAULT_MAX_IMPORT_SIZE_MB * 1024 * 1024;
        assertThat((long) yaml.length()).isLessThan(limit / 2);
        assertThat((long) json.length()).isLessThan(limit / 2);
        System.out.printf(
                "Catalog file, 50,000 models: YAML %,d bytes, JSON %,d bytes, YAML read in %d ms%n",
                yaml.length(), json.length(), readMs);
    }

    @Test
    void aModelListedTwiceNamesBothEntriesAndTheirLines() {
        String yaml = "version: 1\nmodels:\n- id: a/b\n  status: new\n- id: a/b\n  status: active\n";

        assertThatThrownBy(() -> read(yaml, false)).isInstanceOfSatisfying(CatalogFile.BadFileException.class, e -> {
            assertThat(e.field()).isEqualTo("models[1].id");
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.getMessage()).contains("models[0] (line 3) and models[1]");
        });
    }

    @Test
    void theAcceptHeaderAndTheContentTypeChooseTheFormat() {
        assertThat(AdminCatalogController.wantsJson(null)).isFalse();
        assertThat(AdminCatalogController.wantsJson("*/*")).isFalse();
        assertThat(AdminCatalogController.wantsJson("application/json")).isTrue();
        assertThat(AdminCatalogController.wantsJson("application/yaml, application/json;q=0.5"))
                .isFalse();
        assertThat(AdminCatalogController.wantsJson("application/json, application/problem+json, */*"))
                .isTrue();
        assertThat(AdminCatalogController.isJson(null)).isFalse();
        assertThat(AdminCatalogController.isJson("application/json;charset=UTF-8"))
                .isTrue();
        assertThat(AdminCatalogController.isJson("application/x-yaml")).isFalse();
        assertThatThrownBy(() -> AdminCatalogController.isJson("text/plain"))
                .isInstanceOf(AdminCatalogController.UnsupportedFileType.class);
    }
}
