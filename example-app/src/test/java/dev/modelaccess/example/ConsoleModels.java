package dev.modelaccess.example;

import org.jooq.DSLContext;

/** What the console's browser tests look up: a model's row on the page, and its status and flags in the database. */
final class ConsoleModels {

    private ConsoleModels() {}

    /** The review queue's row of {@code model}. */
    static String row(String model) {
        return "tr[data-model=\"" + model + "\"]";
    }

    /** The model's status as the database holds it. */
    static String status(DSLContext dsl, String model) {
        return dsl.fetchValue("select status from model_access where model_id = ?", model)
                .toString();
    }

    /** The model's flag for {@code tier} ({@code free}, {@code pro}, {@code enterprise}) as the database holds it. */
    static boolean flag(DSLContext dsl, String model, String tier) {
        return (Boolean) dsl.fetchValue("select is_" + tier + " from model_access where model_id = ?", model);
    }
}
